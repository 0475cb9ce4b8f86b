//! Ordering candidates: how well each query word meets each name part, and how well a whole
//! name meets the query.
//!
//! Word grades, best first: the same spelling (100), the same but for doubled letters (97), a
//! prefix of the word still being typed (94), the same name in another spelling from the
//! name-part table (84 + closeness 0..6), the same phonetic key where the table does not tell
//! the two apart (78 + closeness), an abbreviation (65; also the start of a longer word when
//! the word being typed is a whole name of the table), a phonetic prefix of the word being
//! typed (58), the inner part of a compound (55), a fuzzy-matcher hit (30..50). A missing or
//! different particle costs 2.
//!
//! A name then scores: the average word grade ×10, +500 when every query word met a part,
//! +200 when they met in the query's order (Mohammed Ali before Ali Mohammed), +30 when the
//! first word met the first part, −25 for each part of the name the query did not mention.
//! When two or more words are typed and none of them met the name's first part, the client's
//! own given name went untyped and the words are likely a father's and family name (Mona
//! Mohamad Hassan for "Mohamad Hassan"): −75 more, so a name that starts with the typed
//! words, one of them in another spelling (Mohammed Al-Hassan), comes first.
//! A query of three or more words with one word more than the name, which met every part of
//! the name in order from the first, gets +250 and the +200 (the volunteer added a
//! grandfather's or tribal name): below every name that met all the words, above the names
//! that met as many but have a part of their own.
//! A birth year in the query adds 400, so that with the year asked the right client wins over
//! a same-named stranger spelled exactly as typed; an exact birth date adds 600.

use super::parts::{Part, Reading};
use super::query::Query;
use crate::model::Birth;
use chrono::Datelike;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

pub const EXACT: u32 = 100;
pub const TYPED_PREFIX: u32 = 94;
pub const GROUP: u32 = 84;
pub const KEY: u32 = 78;
pub const PREFIX: u32 = 65;
pub const KEY_PREFIX: u32 = 58;
pub const INNER: u32 = 55;
pub const FUZZY: u32 = 30;

const ALL_WORDS: i64 = 500;
const ALL_BUT_ONE: i64 = 250;
const IN_ORDER: i64 = 200;
const SOME_IN_ORDER: i64 = 100;
const FIRST_FIRST: i64 = 30;
const UNMENTIONED_PART: i64 = 25;
const OWN_NAME_UNTYPED: i64 = 75;
pub const YEAR: i64 = 400;
pub const DATE: i64 = 600;
const SAME_YEAR_OTHER_DAY: i64 = 150;

/// How a hit was found, for the desk to show beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MatchKind {
    /// The query was the client's number.
    Number,
    /// The query was the client's phone number.
    Phone,
    /// Every word as written (or a prefix of the word being typed).
    Exact,
    /// Every word, some in another spelling of the same name.
    Variant,
    /// Every word, some only loosely.
    Fuzzy,
    /// Some of the words.
    Partial,
}

/// Precomputed query pieces and the fuzzy matcher, shared by all candidates.
pub struct Scorer<'q> {
    query: &'q Query,
    /// Whether scores carry their `Likeness`: only the duplicate warning reads it, so a
    /// search does not pay for it.
    likeness: bool,
    /// `joined[i]` is query parts i and i+1 run together.
    joined: Vec<Part>,
    matcher: SkimMatcherV2,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameScore {
    pub points: i64,
    pub kind: MatchKind,
    /// Query words that met a part.
    pub matched: usize,
    /// How the name's parts and the query's words pair up, for the duplicate warning.
    pub likeness: Likeness,
    /// Which of the client's names scored it: 0 the registered name, i the i-th alias.
    pub name: usize,
}

impl<'q> Scorer<'q> {
    pub fn new(query: &'q Query) -> Scorer<'q> {
        let joined = query
            .parts
            .windows(2)
            .map(|w| Part::joined(&w[0], &w[1]))
            .collect();
        Scorer {
            query,
            likeness: false,
            joined,
            matcher: SkimMatcherV2::default(),
        }
    }

    pub fn query(&self) -> &'q Query {
        self.query
    }

    /// A scorer whose scores say how the words and the parts pair up (`Likeness`).
    pub fn with_likeness(query: &'q Query) -> Scorer<'q> {
        Scorer {
            likeness: true,
            ..Scorer::new(query)
        }
    }

    /// The best score of the query against any of a client's names (name and aliases count
    /// alike; on equal points the earlier name, so the registered name before an alias); None
    /// when no query word met any of them.
    pub fn best<'a>(&self, names: impl IntoIterator<Item = &'a [Part]>) -> Option<NameScore> {
        names
            .into_iter()
            .enumerate()
            .map(|(i, parts)| NameScore {
                name: i,
                ..self.name(parts)
            })
            .filter(|s| s.matched > 0)
            .max_by(|a, b| a.points.cmp(&b.points).then(b.name.cmp(&a.name)))
    }

    fn name(&self, r: &[Part]) -> NameScore {
        let q = &self.query.parts;
        let n = q.len();
        let k = r.len();
        if n == 0 || k == 0 {
            return NameScore {
                points: 0,
                kind: MatchKind::Partial,
                matched: 0,
                likeness: Likeness::default(),
                name: 0,
            };
        }
        let typing_at = |i: usize| self.query.typing && i + 1 == n;
        let g: Vec<Vec<u32>> = (0..n)
            .map(|i| {
                r.iter()
                    .map(|p| self.grade(&q[i], typing_at(i), p))
                    .collect()
            })
            .collect();
        let gq: Vec<Vec<u32>> = (0..n.saturating_sub(1))
            .map(|i| {
                r.iter()
                    .map(|p| self.pair_grade(&self.joined[i], typing_at(i + 1), p))
                    .collect()
            })
            .collect();
        // Run the record's parts together only where some query word found no good part
        // ("Gebreyesus" typed, "Gebre Yesus" stored), also when the query has a part the
        // record lacks ("Ahmadshah Popalzai Karim" for Ahmad Shah Popalzai).
        let weak = g.iter().any(|row| row.iter().all(|&x| x < GROUP));
        let gr: Vec<Vec<u32>> = if weak && k >= 2 {
            let joined: Vec<Part> = r.windows(2).map(|w| Part::joined(&w[0], &w[1])).collect();
            (0..n)
                .map(|i| {
                    joined
                        .iter()
                        .map(|p| self.pair_grade(&q[i], typing_at(i), p))
                        .collect()
                })
                .collect()
        } else {
            Vec::new()
        };
        let gr_at = |i: usize, j: usize| gr.get(i).and_then(|row| row.get(j)).copied();

        // Order-keeping alignment: (sum of grades, query words met, record parts used, first met first).
        type Cell = Option<(u32, usize, usize, bool)>;
        let mut dp: Vec<Vec<Cell>> = vec![vec![None; k + 1]; n + 1];
        dp[0][0] = Some((0, 0, 0, false));
        let relax =
            |dp: &mut Vec<Vec<Cell>>, i: usize, j: usize, cell: (u32, usize, usize, bool)| {
                if dp[i][j].is_none_or(|old| cell.0 > old.0) {
                    dp[i][j] = Some(cell);
                }
            };
        for i in 0..=n {
            for j in 0..=k {
                let Some((s, cq, cr, first)) = dp[i][j] else {
                    continue;
                };
                if i < n {
                    relax(&mut dp, i + 1, j, (s, cq, cr, first));
                }
                if j < k {
                    relax(&mut dp, i, j + 1, (s, cq, cr, first));
                }
                let at_start = i == 0 && j == 0;
                if i < n && j < k && g[i][j] > 0 {
                    let f = first || (at_start && g[i][j] >= KEY);
                    relax(&mut dp, i + 1, j + 1, (s + g[i][j], cq + 1, cr + 1, f));
                }
                if i + 1 < n && j < k && gq[i][j] > 0 {
                    let f = first || (at_start && gq[i][j] >= KEY);
                    relax(&mut dp, i + 2, j + 1, (s + 2 * gq[i][j], cq + 2, cr + 1, f));
                }
                if let Some(x) = gr_at(i, j).filter(|&x| x > 0) {
                    let f = first || (at_start && x >= KEY);
                    relax(&mut dp, i + 1, j + 2, (s + x, cq + 1, cr + 2, f));
                }
            }
        }
        let (sum_o, met_o, used_o, first) = dp[n][k].unwrap_or((0, 0, 0, false));

        // Any order: each query word's best part.
        let best_u: Vec<u32> = (0..n)
            .map(|i| {
                let row_max =
                    |row: Option<&Vec<u32>>| row.and_then(|r| r.iter().copied().max()).unwrap_or(0);
                row_max(g.get(i))
                    .max(row_max(gr.get(i)))
                    .max(row_max(gq.get(i)))
                    .max(row_max(i.checked_sub(1).and_then(|p| gq.get(p))))
            })
            .collect();
        let sum_u: u32 = best_u.iter().sum();
        let met_u = best_u.iter().filter(|&&x| x > 0).count();
        let used_u = met_u.min(k);

        let (sum, used) = if sum_o >= sum_u {
            (sum_o, used_o)
        } else {
            (sum_u, used_u)
        };
        let matched = met_o.max(met_u);
        let all = matched == n;
        // One typed part more than registered (a grandfather's or tribal name the register
        // left out): every part of the name met in the typed order, from the first on.
        let one_more = !all && n >= 3 && met_o + 1 == n && used_o == k && first;
        let mut points = i64::from(sum) * 10 / n as i64;
        if all {
            points += ALL_WORDS;
        } else if one_more {
            points += ALL_BUT_ONE;
        }
        if n >= 2 && (met_o == n || one_more) {
            points += IN_ORDER;
        } else if met_o >= 2 {
            points += SOME_IN_ORDER;
        }
        if first {
            points += FIRST_FIRST;
        }
        points -= UNMENTIONED_PART * k.saturating_sub(used).min(3) as i64;
        let first_part_met = (0..n).any(|i| {
            g[i][0] > 0
                || gq.get(i).is_some_and(|row| row[0] > 0)
                || gr_at(i, 0).is_some_and(|x| x > 0)
        });
        if n >= 2 && k >= 2 && !first_part_met {
            points -= OWN_NAME_UNTYPED;
        }
        let weakest = best_u.iter().copied().min().unwrap_or(0);
        let kind = if !all {
            MatchKind::Partial
        } else if weakest >= TYPED_PREFIX - 2 {
            MatchKind::Exact
        } else if weakest >= KEY - 2 {
            MatchKind::Variant
        } else {
            MatchKind::Fuzzy
        };
        NameScore {
            points,
            kind,
            matched,
            likeness: if self.likeness {
                likeness(&g, &gq, &gr, &best_u, met_o, first)
            } else {
                Likeness::default()
            },
            name: 0,
        }
    }

    /// `grade` where one side is two words run together: below a listed spelling of the
    /// same name, only a letter apart, and never a letter apart from an article and a listed
    /// name. Two names typed apart are two names unless they are the one written solid
    /// ("Gebre Hiwet", "Ghebrehiwet"); by sound or a letter "Ali Ahmed" run together would
    /// meet "AlAhmad" and "AlAhmed".
    fn pair_grade(&self, q: &Part, typing: bool, r: &Part) -> u32 {
        let grade = self.grade(q, typing, r);
        let article_and_name = |p: &Part| {
            p.readings
                .iter()
                .any(|rr| rr.particle.is_some() && rr.is_listed())
        };
        let letter_apart = || {
            !article_and_name(q)
                && !article_and_name(r)
                && r.readings
                    .iter()
                    .any(|rr| edit_distance(q.main().core.as_bytes(), rr.core.as_bytes()) <= 1)
        };
        if grade >= GROUP || (grade > 0 && letter_apart()) {
            grade
        } else {
            0
        }
    }

    /// How well query part `q` meets record part `r`, 0 for not at all.
    pub fn grade(&self, q: &Part, typing: bool, r: &Part) -> u32 {
        if q.surface == r.surface {
            return EXACT;
        }
        let mut best = 0;
        for qr in &q.readings {
            for rr in &r.readings {
                best = best.max(self.reading_grade(qr, typing, rr));
                if best >= EXACT - 2 {
                    return best;
                }
            }
        }
        if typing && !q.main().is_listed() && r.surface.starts_with(&q.surface) {
            best = best.max(TYPED_PREFIX);
        }
        best
    }

    fn reading_grade(&self, q: &Reading, typing: bool, r: &Reading) -> u32 {
        let penalty = if q.particle == r.particle { 0 } else { 2 };
        let same = |a: &str| a == r.core || r.icao.as_deref() == Some(a);
        if same(&q.core) || q.icao.as_deref().is_some_and(same) {
            return EXACT - penalty;
        }
        // A missing shadda: Hasan/Hassan, Muhamad/Muhammad.
        if single_letters(&q.core).eq(single_letters(&r.core)) {
            return EXACT - 3 - penalty;
        }
        // A word being typed may be the start of a longer one, unless it is a whole name of
        // the table already: "Ali" means Ali (or Aly) before the Al-Ibrahim it begins.
        if typing && !q.is_listed() && r.core.starts_with(&q.core) {
            return TYPED_PREFIX - penalty;
        }
        let closeness = || closeness(&q.core, &r.core);
        let both_listed = !q.groups.is_empty() && !r.groups.is_empty();
        if both_listed && q.groups.iter().any(|g| r.groups.contains(g)) {
            return GROUP + closeness() - penalty;
        }
        // Two listed names in different groups are different names (Hassan, Hussein), however
        // alike they sound; only the fuzzy matcher may still see a typing slip.
        if !both_listed && q.keys.iter().any(|k| r.keys.contains(k)) {
            return KEY + closeness() - penalty;
        }
        if q.core.len() >= 3 && r.core.starts_with(&q.core) {
            return PREFIX - penalty;
        }
        if typing
            && q.core.len() >= 2
            && q.keys.first().is_some_and(|qk| {
                qk.len() >= 2 && r.keys.iter().any(|rk| rk.starts_with(qk.as_str()))
            })
        {
            return KEY_PREFIX - penalty;
        }
        if r.inner.as_deref() == Some(q.core.as_str()) {
            return INNER - penalty;
        }
        self.fuzzy(&q.core, &r.core)
    }

    /// fuzzy-matcher in both directions, for slips such as Kasay/Kahsay or Mohammd; only
    /// between words of like length that start alike.
    fn fuzzy(&self, a: &str, b: &str) -> u32 {
        if a.len() < 4
            || b.len() < 4
            || a.len().abs_diff(b.len()) > 2
            || a.as_bytes().first() != b.as_bytes().first()
        {
            return 0;
        }
        let ratio = |pattern: &str, choice: &str| -> f64 {
            let full = self.matcher.fuzzy_match(pattern, pattern).unwrap_or(0);
            match self.matcher.fuzzy_match(choice, pattern) {
                Some(s) if full > 0 => s as f64 / full as f64,
                _ => 0.0,
            }
        };
        let r = ratio(a, b).max(ratio(b, a));
        if r < 0.5 {
            0
        } else {
            FUZZY + (20.0 * r.min(1.0)) as u32
        }
    }
}

/// How a query's words and a name's parts pair up: what tells "the same name" from "a name
/// that shares a common part" (Ali Ali and Meryem Ali share one Ali, not two).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Likeness {
    /// Words met closely (the same name in a spelling of the name-part table, or nearer; not
    /// only by sound or a fuzzy likeness), counted no higher than the parts they met.
    pub close: usize,
    /// Parts of the name that no word met.
    pub spare: usize,
    /// Some word met the name's first part, its given name.
    pub given_met: bool,
    /// Some word met the given name closely.
    pub given_close: bool,
    /// The name's parts.
    pub parts: usize,
    /// Every word met a part in the typed order.
    pub in_order: bool,
    /// Each word met a part of its own: in the typed order, or each at a different part.
    pub distinct: bool,
    /// The first word met the first part, and all words but at most one met parts in the
    /// typed order: the same given name leads both names.
    pub leads: bool,
}

/// `g[i][j]`: word i against part j; `gq[i][j]`: words i and i+1 run together against part j;
/// `gr[i][j]`: word i against parts j and j+1 run together; `best_u[i]`: word i's best grade;
/// `met_in_order`: the words the order-keeping alignment met; `first_first`: whether the first
/// word met the first part there.
fn likeness(
    g: &[Vec<u32>],
    gq: &[Vec<u32>],
    gr: &[Vec<u32>],
    best_u: &[u32],
    met_in_order: usize,
    first_first: bool,
) -> Likeness {
    let n = g.len();
    let k = g.first().map_or(0, Vec::len);
    let close_grade = GROUP - 2;
    let part_met = |j: usize, least: u32| {
        g.iter().any(|row| row[j] >= least)
            || gq.iter().any(|row| row[j] >= least)
            || gr.iter().any(|row| {
                row.get(j).is_some_and(|&x| x >= least) || (j > 0 && row[j - 1] >= least)
            })
    };
    let close_words = best_u.iter().filter(|&&x| x >= close_grade).count();
    let close_parts = (0..k).filter(|&j| part_met(j, close_grade)).count();
    // The part each word met best, where that was a part alone; two words on one part are
    // one name part typed twice.
    let mut own_parts: Vec<usize> = g
        .iter()
        .zip(best_u)
        .filter_map(|(row, &best)| row.iter().position(|&x| x > 0 && x == best))
        .collect();
    let words_alone = own_parts.len();
    own_parts.sort_unstable();
    own_parts.dedup();
    Likeness {
        close: close_words.min(close_parts),
        spare: (0..k).filter(|&j| !part_met(j, 1)).count(),
        given_met: k > 0 && part_met(0, 1),
        given_close: k > 0 && part_met(0, close_grade),
        parts: k,
        in_order: met_in_order == n,
        distinct: met_in_order == n || own_parts.len() == words_alone,
        leads: first_first && met_in_order + 1 >= n,
    }
}

/// The letters of a word with doubled letters written once.
fn single_letters(word: &str) -> impl Iterator<Item = u8> + '_ {
    let b = word.as_bytes();
    b.iter()
        .enumerate()
        .filter(|&(i, c)| i == 0 || b[i - 1] != *c)
        .map(|(_, &c)| c)
}

/// 0..=6 by edit distance, to order spellings within a tier (Husain is closer to Hussain than
/// to Hossein).
fn closeness(a: &str, b: &str) -> u32 {
    let d = edit_distance(a.as_bytes(), b.as_bytes());
    6u32.saturating_sub(2 * d as u32)
}

fn edit_distance(a: &[u8], b: &[u8]) -> usize {
    // Name parts are short; longer words are compared on their first 31 letters.
    let a = &a[..a.len().min(31)];
    let b = &b[..b.len().min(31)];
    let mut row = [0usize; 32];
    for (j, cell) in row.iter_mut().enumerate().take(b.len() + 1) {
        *cell = j;
    }
    for (i, ca) in a.iter().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = (diag + usize::from(ca != cb)).min(up + 1).min(row[j] + 1);
            diag = up;
        }
    }
    row[b.len()]
}

/// Points for the birth the query names.
pub fn birth_points(query: &Query, birth: &Birth) -> i64 {
    match (query.date, birth) {
        (Some(d), Birth::Date(b)) if d == *b => DATE,
        (Some(d), Birth::Date(b)) if d.year() == b.year() => SAME_YEAR_OTHER_DAY,
        _ if query.year.is_some() && query.year == birth.year() => YEAR,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::parts::parse_name;

    fn grade(q: &str, r: &str) -> u32 {
        let query = Query::parse(&format!("{q} "));
        let s = Scorer::new(&query);
        s.grade(&query.parts[0], false, &parse_name(r)[0])
    }

    fn points(q: &str, r: &str) -> i64 {
        let query = Query::parse(q);
        let s = Scorer::new(&query);
        let parts = parse_name(r);
        s.best([parts.as_slice()]).map_or(0, |x| x.points)
    }

    #[test]
    fn word_grades_follow_the_tiers() {
        assert_eq!(grade("hassan", "Hassan"), EXACT);
        assert_eq!(grade("oeztuerk", "Öztürk"), EXACT);
        assert_eq!(grade("alhassan", "Al-Hassan"), EXACT);
        assert_eq!(grade("hassan", "Al-Hassan"), EXACT - 2);
        assert_eq!(grade("hasan", "Hassan"), EXACT - 3);
        assert!((GROUP..EXACT).contains(&grade("maxamed", "Mohammed")));
        assert!((KEY..GROUP).contains(&grade("gebrehiwot", "Ghebrehiwet")));
        assert!((FUZZY..INNER).contains(&grade("kasay", "Kahsay")));
        assert_eq!(grade("moham", "Mohammed"), PREFIX);
    }

    fn typed_grade(q: &str, r: &str) -> u32 {
        let query = Query::parse(q);
        let s = Scorer::new(&query);
        s.grade(&query.parts[0], query.typing, &parse_name(r)[0])
    }

    #[test]
    fn a_whole_name_being_typed_is_that_name_before_a_longer_one() {
        // "moham" can only be the start of a name; "ali" is one already.
        assert_eq!(typed_grade("moham", "Mohammed"), TYPED_PREFIX);
        assert!(typed_grade("ali", "Al-Ibrahim") < GROUP);
        assert!(typed_grade("ali", "Aly") > typed_grade("ali", "Al-Ibrahim"));
        assert!(typed_grade("nour", "Noura") < KEY);
        assert_eq!(typed_grade("ali", "Ali"), EXACT);
    }

    #[test]
    fn listed_names_in_different_groups_do_not_meet() {
        for (a, b) in [
            ("hassan", "Hussein"),
            ("mahmoud", "Mohammed"),
            ("saeed", "Sayed"),
            ("samer", "Samir"),
            ("omar", "Amr"),
            ("nour", "Noura"),
            ("ahmad", "Hamad"),
            ("amal", "Amani"),
        ] {
            assert!(grade(a, b) < KEY, "{a} / {b}: {}", grade(a, b));
        }
    }

    #[test]
    fn order_breaks_ties_but_both_are_listed() {
        let right = points("Mohammed Ali", "Mohammed Ali");
        let turned = points("Mohammed Ali", "Ali Mohammed");
        assert!(right > turned && turned > 0);
        assert!(
            points("Abdul Karim Hamid", "Abdul Karim Hamid")
                > points("Abdul Karim Hamid", "Abdul Hamid Karim")
        );
        assert!(
            points("Daniel Ghirmay", "Daniel Ghirmay") > points("Daniel Ghirmay", "Ghirmay Daniel")
        );
        assert!(
            points("GHIRMAY, Daniel", "Daniel Ghirmay")
                > points("GHIRMAY, Daniel", "Ghirmay Daniel")
        );
    }

    #[test]
    fn a_variant_in_order_beats_an_exact_name_turned_round() {
        assert!(points("Husayn Ali", "Hussein Ali") > points("Husayn Ali", "Ali Husayn"));
    }

    #[test]
    fn a_typed_part_more_than_registered_comes_after_full_matches_before_other_partial_ones() {
        let q = "Mohammed Ahmed Al-Hassan";
        let one_more = points(q, "Mohammed Al-Hassan");
        // A full match of every typed part still wins, in another spelling too.
        assert!(points(q, "Mohammed Ahmed Al-Hassan") > one_more);
        assert!(points(q, "Muhammad Ahmad Alhassan") > one_more);
        // As many typed parts met, but a part of its own: a different person more likely.
        assert!(one_more > points(q, "Mohammed Karim Al-Hassan"));
        // The typed given name missing: the father (Ahmed Al-Hassan), not him.
        assert!(one_more > points(q, "Ahmed Al-Hassan"));
        // Two typed words never make a one-more match of one.
        assert!(
            points("Yohannes Tesfay", "Yohannes")
                < points("Yohannes Tesfay", "Yohannes Tesfay") - 500
        );
    }

    #[test]
    fn a_typed_part_fewer_than_registered_still_meets_every_typed_word() {
        let q = "Mohammed Al-Hassan";
        let one_fewer = points(q, "Mohammed Ahmed Al-Hassan");
        // The exact name still wins; the one with a father's name comes before partial ones.
        assert!(points(q, "Mohammed Al-Hassan") > one_fewer);
        assert!(one_fewer > points(q, "Mohammed Ahmed Karim"));
        assert!(one_fewer > points(q, "Ahmed Al-Hassan"));
    }

    #[test]
    fn a_name_whose_first_part_went_untyped_is_likely_a_child_of_the_one_typed() {
        let q = "Mohamad Hassan";
        let daughter = points(q, "Mona Mohamad Hassan");
        assert!(points(q, "Mohammed Al-Hassan") > daughter);
        assert!(points(q, "Mohamad Karim Hassan") > daughter);
        // Still above a name that met fewer of the typed words.
        assert!(daughter > points(q, "Mohamad Karim"));
        // One typed word says nothing about whose given name it is.
        assert_eq!(
            points("Hassan", "Hassan Mohamad") - points("Hassan", "Mohamad Hassan"),
            FIRST_FIRST
        );
    }

    /// Grades of the same name in another spelling: the table's groups or the phonetic key.
    fn meet(a: &str, b: &str) {
        assert!(grade(a, b) >= KEY, "{a} / {b}: {}", grade(a, b));
        assert!(grade(b, a) >= KEY, "{b} / {a}: {}", grade(b, a));
    }

    #[test]
    fn urdu_pashto_and_dari_vowels_meet() {
        // Vowels of unstressed syllables vary where the consonants stay: a/e/i, u/o.
        meet("rehman", "Rahman");
        meet("najibollah", "Najibullah");
        meet("najibulla", "Najibullah");
        meet("nazefa", "Nazifa");
        meet("gol", "Gul");
        // The final -eh/-ah/-a of the same ending.
        meet("fatemeh", "Fatima");
        meet("fatimah", "Fatima");
        meet("habibeh", "Habiba");
        meet("marzieh", "Marzia");
    }

    #[test]
    fn doubled_and_two_letter_spellings_of_one_sound_meet() {
        // dh/dd/d
        meet("gadhafi", "Gaddafi");
        meet("gadafi", "Gaddafi");
        meet("gadafi", "Gadhafi");
        // q/k/g at the start of a word
        meet("kasim", "Qasim");
        meet("gasim", "Qasim");
        meet("gandahari", "Qandahari");
        // ie/iy/i/y between consonants
        meet("rashied", "Rashid");
        meet("rashiyd", "Rashid");
        meet("rashyd", "Rashied");
    }

    #[test]
    fn all_words_beat_some() {
        assert!(points("Hussein Ali", "Husain Ali") > points("Hussein Ali", "Hussein Omar"));
    }

    #[test]
    fn split_and_solid_forms_meet() {
        let solid = points("Filmon Gebre Hiwet", "Filmon Gebrehiwet");
        assert!(solid > points("Filmon Gebre Hiwet", "Filmon Tesfay"));
        assert!(
            points("Kidane Gebreyesus", "Kidane Gebre Yesus")
                >= points("Kidane Gebreyesus", "Kidane Gebre")
        );
    }

    #[test]
    fn two_names_typed_apart_are_not_an_article_and_a_name_written_solid() {
        // "Ali Ahmed" run together sounds like AlAhmad and is a letter from AlAhmed, but the
        // client typed is one with an Ali and an Ahmed, not one with neither.
        let q = "Husain Ali Ahmed";
        assert!(points(q, "Hussein Ali") > points(q, "Hussein Hassan AlAhmad"));
        assert!(points(q, "Hussein Ali") > points(q, "Ghaith Hussein AlAhmed"));
        // The written-solid forms still meet a letter apart.
        assert!(
            points("Filmon Gebre Hiwet", "Filmon Ghebrehiwet")
                > points("Filmon Gebre Hiwet", "Filmon Tesfay")
        );
        assert!(
            points("Kidane Gebre Yesus", "Kidane Ghebreyesus")
                > points("Kidane Gebre Yesus", "Kidane Gebre")
        );
    }

    #[test]
    fn a_solid_form_meets_split_parts_beside_a_typed_part_more() {
        let q = "Ahmadshah Popalzai Karim";
        assert!(points(q, "Ahmad Shah Popalzai") > points(q, "Kareem Ali"));
        assert!(points(q, "Ahmad Shah Popalzai") > points(q, "Omar Popalzai"));
    }

    #[test]
    fn birth_points_prefer_the_exact_date() {
        let q = Query::parse("x 1986-03-02");
        let d = |y, m, day| Birth::Date(chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap());
        assert_eq!(birth_points(&q, &d(1986, 3, 2)), DATE);
        assert_eq!(birth_points(&q, &Birth::Year(1986)), YEAR);
        assert_eq!(birth_points(&q, &d(1986, 5, 1)), SAME_YEAR_OTHER_DAY);
        assert_eq!(birth_points(&q, &d(2011, 7, 15)), 0);
        assert_eq!(birth_points(&Query::parse("x"), &Birth::Year(1986)), 0);
    }

    #[test]
    fn edit_distance_counts_changes() {
        assert_eq!(edit_distance(b"husain", b"hussain"), 1);
        assert_eq!(edit_distance(b"", b"abc"), 3);
        assert_eq!(closeness("husain", "husain"), 6);
    }
}
