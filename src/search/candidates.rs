//! Which clients to score: index look-ups for each query word, tallied so that clients met by
//! more words, and by better kinds of term, are scored first.

use super::CandidateSource;
use super::parts::Part;
use super::query::Query;
use super::table::table;
use super::terms::{DROPPED, GROUP, INNER, KEY, NAME, YEAR, one_dropped};

/// At most this many clients per exact-term look-up. A common name part (Mohammed) has a few
/// thousand clients at 100,000; more than this would only cost time.
const TERM_LIMIT: usize = 20_000;
/// At most this many clients per prefix look-up ("m", "moh").
const PREFIX_LIMIT: usize = 2_000;
/// At most this many clients are fetched and scored.
pub const SCORED: usize = 150;
/// How many clients an exact-term look-up reads at first.
const FIRST_READ: usize = 2 * SCORED;
/// How many rounds read on only the look-ups that hold the frontier back, before the rest
/// of every look-up is read at once.
const PARTIAL_ROUNDS: usize = 4;

/// Look-up weights: the same spelling counts most, a phonetic prefix least.
const W_SPELLING: u8 = 4;
const W_GROUP: u8 = 3;
const W_TYPED: u8 = 3;
const W_KEY: u8 = 2;
const W_PREFIX: u8 = 1;
const W_BIRTH: u8 = 3;
/// Each further query word that found a client counts as much as the best look-up: a client
/// met loosely by two of three typed words (Abrehet Kahsay for "Abrehit Kasay Yusuf") is
/// more promising than the thousands met by a common one (Yusuf) alone.
const W_MET: u32 = W_SPELLING as u32;

/// The client numbers worth scoring for `query`, most promising first, at most `SCORED`.
///
/// A client's weight is, for each query word, the best weight of the look-ups that found it,
/// added up over the words, plus `W_MET` for each word beyond the first that found it, plus
/// `W_BIRTH` when it was born in the year asked for. The
/// clients scored are the `SCORED` of highest weight, the lowest numbers first between equal
/// weights. Exact-term look-ups give clients in number order, so a single word's are read a
/// part at a time: once the clients up to where every look-up has been read hold `SCORED`
/// whose weight no client beyond can reach, the rest is never read. A common name ("hassan")
/// is settled by its first few hundred clients of each look-up instead of all its thousands.
/// With more words (or a year), few clients reach the best weight, so the rounds would end
/// in reading everything anyway; there every look-up is read whole at once, which the name
/// index's blocks make a few values each. Whatever is read, the clients chosen are the same
/// (a property test holds it to reading all).
pub fn gather<S: CandidateSource>(source: &S, query: &Query) -> Result<Vec<u64>, S::Error> {
    let first_read = if query.parts.len() == 1 && query.year.is_none() {
        FIRST_READ
    } else {
        usize::MAX
    };
    gather_reading(source, query, first_read)
}

fn gather_reading<S: CandidateSource>(
    source: &S,
    query: &Query,
    first_read: usize,
) -> Result<Vec<u64>, S::Error> {
    let words = query.parts.len();
    let mut lookups = planned(query);
    for lookup in lookups.iter_mut().filter(|l| l.prefix) {
        lookup.read_whole(source)?;
    }
    let read = first_read.max(1);
    let mut rounds = 0;
    for lookup in lookups.iter_mut().filter(|l| !l.done) {
        lookup.read_on(source, read)?;
    }
    loop {
        let weighed = Weighed::of(&lookups, words);
        if let Some(ids) = weighed.settled(&lookups, words) {
            return Ok(ids);
        }
        // Only the look-ups read least far hold the frontier back: a dense one (a phonetic
        // key) is read on, as far again as it was, while a sparse one (the exact spelling) is
        // already read past it. One not settled after a few rounds is read to the end at
        // once.
        rounds += 1;
        let frontier = frontier(&lookups);
        for lookup in lookups.iter_mut().filter(|l| !l.done) {
            if rounds > PARTIAL_ROUNDS {
                lookup.read_on(source, TERM_LIMIT)?;
            } else if lookup.found.last() == frontier.as_ref() {
                let more = lookup.found.len().max(read);
                lookup.read_on(source, more)?;
            }
        }
    }
}

/// The highest client number up to which every look-up has been read, if one is unfinished.
fn frontier(lookups: &[Lookup]) -> Option<u64> {
    lookups
        .iter()
        .filter(|l| !l.done)
        .filter_map(|l| l.found.last().copied())
        .min()
}

/// One index look-up and what it found so far, with the query words it counts for (a pair
/// of words run together counts for both) and at which weight.
struct Lookup {
    term: String,
    prefix: bool,
    /// (word, weight); the word `words` is the birth year.
    counts: Vec<(usize, u8)>,
    found: Vec<u64>,
    /// Whether every client the look-up gives has been read.
    done: bool,
}

impl Lookup {
    /// Reads every client the look-up gives.
    fn read_whole<S: CandidateSource>(&mut self, source: &S) -> Result<(), S::Error> {
        if self.prefix {
            self.found = source.with_term_prefix(&self.term, PREFIX_LIMIT)?;
            self.done = true;
            Ok(())
        } else {
            self.read_on(source, TERM_LIMIT)
        }
    }

    /// Reads up to `more` further clients of an exact-term look-up, after the last one read.
    fn read_on<S: CandidateSource>(&mut self, source: &S, more: usize) -> Result<(), S::Error> {
        let from = match self.found.last() {
            Some(&last) if last == u64::MAX => {
                self.done = true;
                return Ok(());
            }
            Some(&last) => last + 1,
            None => 0,
        };
        let asked = more.min(TERM_LIMIT - self.found.len());
        let got = source.with_term(&self.term, from, asked)?;
        self.done = got.len() < asked || self.found.len() + got.len() >= TERM_LIMIT;
        self.found.extend(got);
        Ok(())
    }
}

/// Every look-up of the query once, with the words and weights it counts for.
fn planned(query: &Query) -> Vec<Lookup> {
    let mut plan = Plan::default();
    let n = query.parts.len();
    let joined: Vec<Part> = query
        .parts
        .windows(2)
        .map(|w| Part::joined(&w[0], &w[1]))
        .collect();
    for (i, part) in query.parts.iter().enumerate() {
        let typing = query.typing && i + 1 == n;
        word_lookups(&mut plan, i, part, typing);
        // "Gebre Medhin" typed, "Gebremedhin" stored: the pair counts for both its words.
        for pair in [i.checked_sub(1), (i + 1 < n).then_some(i)]
            .into_iter()
            .flatten()
        {
            exact_lookups(&mut plan, i, &joined[pair]);
        }
    }
    if let Some(year) = query.year
        && n > 0
    {
        plan.exact(n, format!("{YEAR}{year}"), W_BIRTH);
    }
    plan.0
}

#[derive(Default)]
struct Plan(Vec<Lookup>);

impl Plan {
    fn exact(&mut self, word: usize, term: String, weight: u8) {
        self.add(word, term, false, weight);
    }

    fn prefix(&mut self, word: usize, term: String, weight: u8) {
        self.add(word, term, true, weight);
    }

    fn add(&mut self, word: usize, term: String, prefix: bool, weight: u8) {
        match self
            .0
            .iter_mut()
            .find(|l| l.term == term && l.prefix == prefix)
        {
            Some(lookup) => lookup.counts.push((word, weight)),
            None => self.0.push(Lookup {
                term,
                prefix,
                counts: vec![(word, weight)],
                found: Vec::new(),
                done: false,
            }),
        }
    }
}

fn word_lookups(plan: &mut Plan, word: usize, part: &Part, typing: bool) {
    exact_lookups(plan, word, part);
    let t = table();
    for r in &part.readings {
        for &g in &r.groups {
            plan.exact(word, format!("{GROUP}{}", t.name(g)), W_GROUP);
        }
        if r.core.len() >= 3 {
            plan.exact(word, format!("{INNER}{}", r.core), W_PREFIX);
        }
    }
    let main = part.main();
    // A word the table does not know may be misspelled by one sound (Kasay for Kahsay). The
    // word being typed may be complete too: the desk cannot tell.
    if main.groups.is_empty() && main.core.len() >= 4 {
        for k in &main.keys {
            plan.exact(word, format!("{DROPPED}{k}"), W_PREFIX);
            // Leaving a letter out of a short key finds too many clients to be worth it.
            for d in one_dropped(k).filter(|d| d.len() >= 3) {
                plan.exact(word, format!("{KEY}{d}"), W_PREFIX);
            }
        }
    }
    if typing {
        // A whole listed name being typed ranks its longer words low (see `rank`), so they
        // should not crowd out its other spellings here either.
        let weight = if main.is_listed() { W_PREFIX } else { W_TYPED };
        plan.prefix(word, format!("{NAME}{}", part.surface), weight);
        if main.core != part.surface {
            plan.prefix(word, format!("{NAME}{}", main.core), weight);
        }
    } else if main.core.len() >= 3 {
        plan.prefix(word, format!("{NAME}{}", main.core), W_PREFIX);
    }
    if let Some(key) = main.keys.first().filter(|k| k.len() >= 2)
        && (typing || key.len() >= 3)
    {
        plan.prefix(word, format!("{KEY}{key}"), W_PREFIX);
    }
}

/// The same spelling, core and phonetic keys.
fn exact_lookups(plan: &mut Plan, word: usize, part: &Part) {
    plan.exact(word, format!("{NAME}{}", part.surface), W_SPELLING);
    for r in &part.readings {
        if r.core != part.surface {
            plan.exact(word, format!("{NAME}{}", r.core), W_SPELLING);
        }
        if let Some(icao) = &r.icao {
            plan.exact(word, format!("{NAME}{icao}"), W_SPELLING);
        }
        for k in &r.keys {
            plan.exact(word, format!("{KEY}{k}"), W_KEY);
        }
    }
}

/// Each client found so far, ascending, with its best weight for each word (and the year).
#[derive(Default)]
struct Weighed {
    ids: Vec<u64>,
    /// `words + 1` weights per client, in the order of `ids`.
    weights: Vec<u8>,
}

impl Weighed {
    fn of(lookups: &[Lookup], words: usize) -> Weighed {
        let slots = words + 1;
        let found = || lookups.iter().flat_map(|l| l.found.iter().copied());
        let (Some(low), Some(high)) = (found().min(), found().max()) else {
            return Weighed::default();
        };
        let entries: usize = lookups.iter().map(|l| l.found.len()).sum();
        // Client numbers are handed out one by one, so those found lie close together: a
        // table over their span costs less than sorting them. A span far wider than what was
        // found (a store with few clients left of many) is sorted instead.
        let span = usize::try_from(high - low)
            .ok()
            .filter(|&span| span <= entries.saturating_mul(8));
        match span {
            Some(span) => Weighed::spread(lookups, slots, low, span + 1),
            None => Weighed::sorted(lookups, slots),
        }
    }

    /// By a table with a row per client number from `low` on, and a bit per row that says
    /// whether any look-up found that client, so only those rows are read back.
    fn spread(lookups: &[Lookup], slots: usize, low: u64, rows: usize) -> Weighed {
        let mut table = vec![0u8; rows * slots];
        let mut found = vec![0u64; rows.div_ceil(64)];
        for l in lookups {
            for &id in &l.found {
                // `low` is the least number found and `rows` spans them all.
                let row = (id - low) as usize;
                found[row / 64] |= 1 << (row % 64);
                for &(word, weight) in &l.counts {
                    let cell = &mut table[row * slots + word];
                    *cell = (*cell).max(weight);
                }
            }
        }
        let mut weighed = Weighed::default();
        for (word, &bits) in found.iter().enumerate() {
            let mut bits = bits;
            while bits != 0 {
                let row = word * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let w = &table[row * slots..(row + 1) * slots];
                if w.iter().any(|&x| x > 0) {
                    weighed.ids.push(low + row as u64);
                    weighed.weights.extend_from_slice(w);
                }
            }
        }
        weighed
    }

    /// By sorting every (client, word, weight) found.
    fn sorted(lookups: &[Lookup], slots: usize) -> Weighed {
        let entries = lookups.iter().map(|l| l.found.len() * l.counts.len()).sum();
        let mut all: Vec<(u64, usize, u8)> = Vec::with_capacity(entries);
        for l in lookups {
            for &(word, weight) in &l.counts {
                all.extend(l.found.iter().map(|&id| (id, word, weight)));
            }
        }
        // A stable sort: most look-ups come in ascending order, and it merges such runs fast.
        all.sort_by_key(|&(id, _, _)| id);
        let mut weighed = Weighed::default();
        for (id, word, weight) in all {
            if weighed.ids.last() != Some(&id) {
                weighed.ids.push(id);
                weighed.weights.resize(weighed.weights.len() + slots, 0);
            }
            let at = weighed.weights.len() - slots + word;
            weighed.weights[at] = weighed.weights[at].max(weight);
        }
        weighed
    }

    /// A client's weight from its best weight per word and for the year: the year counts
    /// only for a client some word found, and each word beyond the first that found it
    /// adds `W_MET`.
    fn total(per_word: impl Iterator<Item = u8>, year: u8) -> u32 {
        let (sum, met) = per_word.fold((0u32, 0u32), |(sum, met), w| {
            (sum + u32::from(w), met + u32::from(w > 0))
        });
        if met == 0 {
            0
        } else {
            sum + W_MET * (met - 1) + u32::from(year)
        }
    }

    fn weights(&self, i: usize, slots: usize) -> &[u8] {
        &self.weights[i * slots..(i + 1) * slots]
    }

    /// The weight of the `i`-th client, and the most it could reach if the look-ups not read
    /// for it gave it the best they can (`open`, per word and the year).
    fn weight_and_bound(&self, i: usize, open: &[u8]) -> (u32, u32) {
        let words = open.len() - 1;
        let w = self.weights(i, open.len());
        let reach = w[..words].iter().zip(open).map(|(&a, &b)| a.max(b));
        (
            Weighed::total(w[..words].iter().copied(), w[words]),
            Weighed::total(reach, w[words].max(open[words])),
        )
    }

    /// Each of the first `known` clients with its weight, those some word found.
    fn ranked(&self, known: usize, slots: usize) -> Vec<(u64, u32)> {
        let words = slots - 1;
        (0..known)
            .map(|i| {
                let w = self.weights(i, slots);
                (
                    self.ids[i],
                    Weighed::total(w[..words].iter().copied(), w[words]),
                )
            })
            .filter(|&(_, total)| total > 0)
            .collect()
    }

    /// The `SCORED` best of `ranked`, best first.
    fn best(mut ranked: Vec<(u64, u32)>) -> Vec<u64> {
        if ranked.len() > SCORED {
            ranked.select_nth_unstable_by(SCORED, by_weight);
            ranked.truncate(SCORED);
        }
        ranked.sort_unstable_by(by_weight);
        ranked.into_iter().map(|(id, _)| id).collect()
    }

    /// The clients to score, once no client beyond what has been read could be among them.
    fn settled(&self, lookups: &[Lookup], words: usize) -> Option<Vec<u64>> {
        let slots = words + 1;
        // Clients numbered up to `frontier` are weighed in full: every unfinished look-up has
        // been read past them.
        let Some(frontier) = frontier(lookups) else {
            return Some(Weighed::best(self.ranked(self.ids.len(), slots)));
        };
        let known = self.ids.partition_point(|&id| id <= frontier);
        // The weight of the `SCORED`-th best of them, if there are as many.
        let mut ranked = self.ranked(known, slots);
        if ranked.len() < SCORED {
            return None;
        }
        ranked.select_nth_unstable_by(SCORED - 1, by_weight);
        let threshold = ranked[SCORED - 1].1;
        // A client beyond the frontier takes, for each word, the better of what was found of
        // it and the best an unfinished look-up could still give it. It only displaces one of
        // these with a higher weight: at an equal weight the lower number wins.
        let open = open_weights(lookups.iter().filter(|l| !l.done), slots);
        let unseen = Weighed::total(open[..words].iter().copied(), open[words]);
        let beyond = (known..self.ids.len()).map(|i| self.weight_and_bound(i, &open).1);
        if std::iter::once(unseen).chain(beyond).any(|b| b > threshold) {
            return None;
        }
        Some(Weighed::best(ranked))
    }
}

/// The higher weight first; between equal weights the lower number.
fn by_weight(a: &(u64, u32), b: &(u64, u32)) -> std::cmp::Ordering {
    b.1.cmp(&a.1).then(a.0.cmp(&b.0))
}

/// The best weight the look-ups can give, per word and the year.
fn open_weights<'a>(lookups: impl Iterator<Item = &'a Lookup>, slots: usize) -> Vec<u8> {
    let mut open = vec![0u8; slots];
    for l in lookups {
        for &(word, weight) in &l.counts {
            open[word] = open[word].max(weight);
        }
    }
    open
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::names::demo_name;
    use crate::demo::rng::Rng;
    use crate::search::memory::MemorySource;
    use proptest::prelude::*;

    /// Every look-up read to its end in one go: what `gather` chooses without stopping early.
    fn read_whole(source: &MemorySource, query: &Query) -> Vec<u64> {
        gather_reading(source, query, usize::MAX)
            .unwrap_or_else(|never: std::convert::Infallible| match never {})
    }

    fn read_by(source: &MemorySource, query: &Query, first_read: usize) -> Vec<u64> {
        gather_reading(source, query, first_read)
            .unwrap_or_else(|never: std::convert::Infallible| match never {})
    }

    fn office() -> &'static MemorySource {
        static OFFICE: std::sync::OnceLock<MemorySource> = std::sync::OnceLock::new();
        OFFICE.get_or_init(|| MemorySource::with_demo_clients(6_000, 5))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// Stopping once no unread client can be among the best gives the very clients (in
        /// the same order) that reading every look-up to its end gives, whatever the query.
        #[test]
        fn reading_a_part_chooses_the_clients_reading_all_would(
            seed in 0u64..10_000,
            words in 1usize..4,
            cut in 0usize..12,
            year in proptest::option::of(1940i32..2020),
            typing in any::<bool>(),
            first_read in 1usize..400,
        ) {
            let mut rng = Rng::new(seed);
            let name = demo_name(&mut rng).name;
            let mut text: Vec<String> = name.split(' ').take(words).map(str::to_string).collect();
            // A word cut short, as one being typed is.
            if let Some(last) = text.last_mut() {
                let keep = last.chars().count().saturating_sub(cut).max(1);
                *last = last.chars().take(keep).collect();
            }
            let mut typed = text.join(" ");
            if let Some(y) = year {
                typed = format!("{typed} {y}");
            }
            if !typing {
                typed.push(' ');
            }
            let query = Query::parse(&typed);
            let whole = read_whole(office(), &query);
            prop_assert_eq!(&read_by(office(), &query, first_read), &whole);
        }
    }

    #[test]
    fn a_client_met_by_more_typed_words_is_scored_before_many_met_by_one_common_word() {
        let mut source = MemorySource::new();
        let record = |number: u64, name: String| crate::search::NameRecord {
            number,
            name,
            aliases: Vec::new(),
            birth: crate::model::Birth::Unknown,
            restricted: false,
        };
        // More clients with the common word as written than are scored, numbered first.
        for n in 1..=2 * SCORED as u64 {
            source.insert(record(n, format!("Yusuf Berhe{n}")), None);
        }
        let wanted = 2 * SCORED as u64 + 1;
        source.insert(record(wanted, "Abrehet Kahsay".into()), None);
        let query = Query::parse("Abrehit Kasay Yusuf ");
        let chosen = gather(&source, &query).unwrap_or_else(|never| match never {});
        assert!(chosen.contains(&wanted), "{chosen:?}");
    }

    /// A source that counts the clients its exact-term look-ups give.
    struct Counting<'a>(&'a MemorySource, std::cell::Cell<usize>);

    impl CandidateSource for Counting<'_> {
        type Error = std::convert::Infallible;
        fn with_term_prefix(&self, prefix: &str, limit: usize) -> Result<Vec<u64>, Self::Error> {
            self.0.with_term_prefix(prefix, limit)
        }
        fn with_term(&self, term: &str, from: u64, limit: usize) -> Result<Vec<u64>, Self::Error> {
            let found = self.0.with_term(term, from, limit)?;
            self.1.set(self.1.get() + found.len());
            Ok(found)
        }
        fn with_phone(&self, key: &str) -> Result<Vec<u64>, Self::Error> {
            self.0.with_phone(key)
        }
        fn exists(&self, number: u64) -> Result<bool, Self::Error> {
            self.0.exists(number)
        }
        fn records(&self, numbers: &[u64]) -> Result<Vec<crate::search::NameRecord>, Self::Error> {
            self.0.records(numbers)
        }
        fn last_contacts(
            &self,
            numbers: &[u64],
        ) -> Result<Vec<Option<chrono::NaiveDate>>, Self::Error> {
            self.0.last_contacts(numbers)
        }
    }

    #[test]
    fn a_common_name_is_settled_before_its_look_ups_are_read_to_the_end() {
        let source = MemorySource::with_demo_clients(20_000, 5);
        let query = Query::parse("mohammed");
        let whole = Counting(&source, Default::default());
        let all = gather_reading(&whole, &query, usize::MAX).unwrap();
        let part = Counting(&source, Default::default());
        assert_eq!(gather(&part, &query).unwrap(), all);
        assert_eq!(all.len(), SCORED);
        assert!(
            part.1.get() * 2 < whole.1.get(),
            "read {} of {}",
            part.1.get(),
            whole.1.get()
        );
    }
}
