use std::fmt;

/// How the client reached the desk. Stable keys; the tallies count per channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Channel {
    #[default]
    Spreekuur,
    Infopunt,
    Telefoon,
    Afspraak,
    Huisbezoek,
}

impl Channel {
    pub const ALL: [Channel; 5] = [
        Channel::Spreekuur,
        Channel::Infopunt,
        Channel::Telefoon,
        Channel::Afspraak,
        Channel::Huisbezoek,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Channel::Spreekuur => "spreekuur",
            Channel::Infopunt => "infopunt",
            Channel::Telefoon => "telefoon",
            Channel::Afspraak => "afspraak",
            Channel::Huisbezoek => "huisbezoek",
        }
    }

    pub fn parse(text: &str) -> Result<Channel, String> {
        let t = text.trim().to_lowercase();
        Channel::ALL
            .into_iter()
            .find(|c| c.key() == t)
            .ok_or_else(|| {
                let keys: Vec<&str> = Channel::ALL.iter().map(|c| c.key()).collect();
                format!(
                    "unknown channel \"{}\": use one of {}",
                    text.trim(),
                    keys.join(", ")
                )
            })
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}
