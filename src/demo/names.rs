//! Synthetic names of the kinds the office sees, with the spelling variation real registers
//! hold. Each inner list is one name in its spellings; the first spelling is the most common.
//! No real clients: the parts are common given and family names.

use super::rng::Rng;

pub struct Origin {
    pub country: &'static str,
    pub languages: &'static [&'static str],
    /// Share of demo clients from this origin.
    pub weight: u32,
    pub given_male: &'static [&'static [&'static str]],
    pub given_female: &'static [&'static [&'static str]],
    /// Family or father's names; empty where names are patronymic (then given names are used).
    pub family: &'static [&'static [&'static str]],
    /// Prefixes put before a family name now and then ("Al-", "El ").
    pub family_prefixes: &'static [&'static str],
    /// How many parts a name has: (min, max).
    pub parts: (usize, usize),
}

const ARABIC_MALE: &[&[&str]] = &[
    &[
        "Mohammed", "Muhammad", "Mohamad", "Mohamed", "Mohammad", "Muhammed",
    ],
    &["Ahmad", "Ahmed", "Ahmet"],
    &["Ali"],
    &["Omar", "Umar"],
    &["Khaled", "Khalid", "Chaled"],
    &["Hassan", "Hasan"],
    &["Hussein", "Husain", "Hussain", "Hossein", "Husayn"],
    &["Mahmoud", "Mahmud", "Mahmood"],
    &["Ibrahim", "Ebrahim", "Ibraheem"],
    &["Youssef", "Yusuf", "Yousef", "Youcef"],
    &[
        "Abdulrahman",
        "Abdelrahman",
        "Abd al-Rahman",
        "Abdul Rahman",
    ],
    &["Abdullah", "Abdallah", "Abdellah"],
    &["Mustafa", "Moustafa", "Mostafa"],
    &["Bilal", "Belal"],
    &["Jamal", "Djamal", "Gamal"],
    &["Walid", "Waleed"],
    &["Samer"],
    &["Samir", "Sameer"],
    &["Tarek", "Tariq", "Tarik"],
    &["Ayham", "Aiham"],
    &["Haidar", "Haider", "Hayder"],
    &["Saeed", "Said", "Sa'id"],
    &["Anas"],
    &["Firas", "Feras"],
    &["Yasser", "Yasir", "Yaser"],
    &["Osama", "Usama", "Oussama"],
    &["Majd"],
    &["Rami"],
    &["Nabil", "Nabeel"],
    &["Karim", "Kareem"],
    &["Salah", "Salaheddine", "Salah al-Din"],
    &["Adnan"],
    &["Fadi"],
    &["Ziad", "Ziyad"],
];

const ARABIC_FEMALE: &[&[&str]] = &[
    &["Fatima", "Fatimah", "Fatema", "Fatma"],
    &["Maryam", "Mariam", "Meryem"],
    &["Aisha", "Aysha", "Aicha"],
    &["Zainab", "Zaynab", "Zeinab"],
    &["Rania", "Ranya"],
    &["Rasha"],
    &["Hiba", "Heba"],
    &["Noura", "Nura"],
    &["Nour", "Noor", "Nur"],
    &["Amal"],
    &["Amani"],
    &["Layla", "Leila", "Laila"],
    &["Sara", "Sarah"],
    &["Rim", "Reem"],
    &["Lina", "Leena"],
    &["Hala"],
    &["Dima"],
    &["Yasmin", "Yasmine", "Jasmin"],
    &["Asma", "Asmaa"],
    &["Khadija", "Khadidja", "Hatice"],
    &["Samira", "Sameera"],
    &["Ghada"],
    &["Salma"],
    &["Rawan"],
];

const ARABIC_FAMILY: &[&[&str]] = &[
    &["Hassan", "Hasan"],
    &["Ali"],
    &["Ahmad", "Ahmed"],
    &["Mohammed", "Mohamed", "Muhammad"],
    &["Ibrahim"],
    &["Khalil", "Chalil"],
    &["Darwish", "Darwiche"],
    &["Haddad"],
    &["Shami", "Chami"],
    &["Masri"],
    &["Halabi"],
    &["Hamdan"],
    &["Kassem", "Qassem", "Qasim", "Kasem"],
    &["Mansour", "Mansur"],
    &["Nasser", "Naser", "Nasir"],
    &["Othman", "Osman", "Uthman"],
    &["Jaber", "Jabr"],
    &["Rifai", "Rifaie"],
    &["Aziz"],
    &["Saleh", "Salih"],
    &["Sultan"],
    &["Hamid", "Hamed"],
    &["Kadhim", "Kazim", "Kadhem"],
    &["Jabouri", "Jubouri", "Juburi"],
    &["Musawi", "Moussawi", "Mousawi"],
    &["Tamimi"],
    &["Obeid", "Ubaid"],
    &["Zoubi", "Zubi"],
    &["Khatib", "Chatib"],
    &["Najjar"],
    &["Nasrallah", "Nasrullah"],
    &["Ayoubi", "Ayyubi"],
    &["Abu Zaid", "Abou Zeid", "Abuzaid"],
    &["Abu Khalil", "Abukhalil"],
    &["Hussein", "Husain"],
    &["Yousef", "Youssef"],
];

const TIGRINYA_MALE: &[&[&str]] = &[
    &["Yohannes", "Yohanes"],
    &["Tesfay", "Tesfai"],
    &["Tesfaldet"],
    &["Tesfamariam", "Tesfamaryam"],
    &["Yonas", "Jonas"],
    &["Yosief", "Yosef"],
    &["Daniel", "Danyel"],
    &["Filmon", "Philemon"],
    &["Kidane"],
    &["Haile", "Hayle"],
    &["Berhane", "Birhane"],
    &["Mehari"],
    &["Mussie", "Musie"],
    &["Samuel"],
    &["Tekle"],
    &["Ghirmay", "Girmay", "Ghirmai"],
    &["Gebremedhin", "Gebre Medhin"],
    &["Gebrehiwet", "Ghebrehiwet", "Gebrehiwot"],
    &["Gebreyesus", "Ghebreyesus"],
    &["Abraha", "Abreha"],
    &["Negash", "Negasi"],
    &["Kahsay", "Kahsai"],
    &["Habte"],
    &["Amanuel", "Emmanuel"],
    &["Efrem"],
    &["Semere"],
    &["Measho"],
    &["Tewelde"],
    &["Weldu", "Woldu"],
];

const TIGRINYA_FEMALE: &[&[&str]] = &[
    &["Luwam", "Luam"],
    &["Abrehet", "Abrehit"],
    &["Helen"],
    &["Selam"],
    &["Senait", "Senayt"],
    &["Ruta"],
    &["Yordanos"],
    &["Saba"],
    &["Winta"],
    &["Hiwet"],
    &["Mebrat"],
    &["Freweyni"],
    &["Tsega"],
];

const SOMALI_MALE: &[&[&str]] = &[
    &["Mohamed", "Maxamed", "Mohammed", "Mahamed"],
    &["Abdi", "Cabdi"],
    &["Ahmed", "Axmed"],
    &["Farah", "Faarax"],
    &["Hassan", "Xasan"],
    &["Hussein", "Xuseen", "Hussen"],
    &["Ali", "Cali"],
    &["Omar", "Cumar"],
    &["Abdirahman", "Cabdiraxmaan"],
    &["Abdullahi", "Cabdullaahi"],
    &["Yusuf", "Yuusuf"],
    &["Ismail", "Ismaaciil"],
    &["Jama", "Jaamac"],
    &["Nur", "Nuur", "Noor"],
    &["Warsame"],
    &["Osman", "Cismaan"],
];

const SOMALI_FEMALE: &[&[&str]] = &[
    &["Hodan"],
    &["Amina", "Aamina"],
    &["Fadumo", "Faadumo"],
    &["Halima", "Xaliima"],
    &["Sahra", "Sahro"],
    &["Hawa", "Xawa"],
    &["Ifrah"],
    &["Nasteho"],
];

const AFGHAN_MALE: &[&[&str]] = &[
    &["Mohammad", "Mohammed", "Muhammad", "Mohamad"],
    &["Ahmad", "Ahmed"],
    &["Farid", "Fareed"],
    &["Abdul Wahid", "Abdulwahid", "Abdul Wahed"],
    &["Ghulam"],
    &["Najibullah", "Najib Ullah", "Najibollah"],
    &["Hossein", "Hussain", "Hosein"],
    &["Ali"],
    &["Reza"],
    &["Zaman"],
    &["Hamid", "Hameed"],
    &["Jawad"],
    &["Mustafa"],
    &["Rahim", "Raheem"],
    &["Sayed", "Sayyed", "Said"],
    &["Nasir", "Naseer"],
    &["Habib"],
    &["Karim"],
    &["Hazrat"],
    &["Mirwais"],
];

const AFGHAN_FEMALE: &[&[&str]] = &[
    &["Zahra", "Zehra"],
    &["Fatima", "Fatema"],
    &["Maryam", "Mariam"],
    &["Masooma", "Masuma"],
    &["Nargis"],
    &["Shabnam"],
    &["Sakina"],
    &["Parwana"],
    &["Freshta", "Fereshta"],
    &["Roya"],
];

const AFGHAN_FAMILY: &[&[&str]] = &[
    &["Ahmadi"],
    &["Rezaei", "Rezai", "Rezaie", "Rezayi"],
    &["Hosseini", "Husaini", "Hussaini", "Hoseyni"],
    &["Sultani", "Soltani"],
    &["Noorzai", "Nurzai", "Noorzay"],
    &["Mohammadi", "Mohamadi"],
    &["Safi"],
    &["Karimi"],
    &["Rahimi"],
    &["Jafari", "Jafary"],
    &["Haidari", "Haideri"],
    &["Amiri"],
    &["Popal"],
    &["Stanikzai"],
];

const KURDISH_MALE: &[&[&str]] = &[
    &["Rêbîn", "Rebin"],
    &["Hêvî", "Hevi"],
    &["Dilovan"],
    &["Azad"],
    &["Şêrko", "Sherko", "Şerko"],
    &["Xelîl", "Khalil", "Xelil"],
    &["Ciwan", "Jiwan"],
    &["Bawer"],
    &["Mihemed", "Mohammed", "Muhammad"],
    &["Ehmed", "Ahmed", "Ahmad"],
    &["Hesen", "Hassan"],
];

const KURDISH_FEMALE: &[&[&str]] = &[
    &["Şirin", "Shirin", "Sherin"],
    &["Rojda"],
    &["Berivan"],
    &["Zozan"],
    &["Nalin"],
    &["Hêvîn", "Hevin"],
    &["Gulistan"],
];

const KURDISH_FAMILY: &[&[&str]] = &[
    &["Mihemed", "Mohammed", "Muhammad"],
    &["Ehmed", "Ahmed"],
    &["Xelîl", "Khalil", "Xelil"],
    &["Silêman", "Suleiman", "Sleiman"],
    &["Hesen", "Hassan"],
    &["Osman"],
    &["Bakir", "Bekir"],
    &["Ibrahim", "Birahîm"],
];

const TURKISH_MALE: &[&[&str]] = &[
    &["Hüseyin", "Huseyin"],
    &["Mehmet"],
    &["Mustafa"],
    &["Ahmet"],
    &["Ali"],
    &["Murat"],
    &["Emre"],
    &["İbrahim", "Ibrahim"],
    &["Yusuf"],
    &["Ömer", "Omer"],
];

const TURKISH_FEMALE: &[&[&str]] = &[
    &["Ayşe", "Ayse"],
    &["Fatma"],
    &["Emine"],
    &["Hatice"],
    &["Zeynep"],
    &["Elif"],
    &["Meryem"],
    &["Özlem", "Ozlem"],
];

const TURKISH_FAMILY: &[&[&str]] = &[
    &["Yılmaz", "Yilmaz"],
    &["Kaya"],
    &["Demir"],
    &["Şahin", "Sahin"],
    &["Çelik", "Celik"],
    &["Öztürk", "Ozturk"],
    &["Güneş", "Gunes"],
    &["Aydın", "Aydin"],
    &["Arslan"],
    &["Doğan", "Dogan"],
];

const DUTCH_MALE: &[&[&str]] = &[
    &["Jan"],
    &["Pieter", "Peter"],
    &["Kees"],
    &["Dirk"],
    &["Thomas"],
    &["Bram"],
    &["Noor"],
];

const DUTCH_FEMALE: &[&[&str]] = &[
    &["Anna"],
    &["Maria"],
    &["Sanne"],
    &["Lotte"],
    &["Noor"],
    &["Eva"],
];

const DUTCH_FAMILY: &[&[&str]] = &[
    &["de Vries"],
    &["van der Meer", "v.d. Meer"],
    &["Jansen"],
    &["de Jong"],
    &["Bakker"],
    &["Visser"],
    &["van den Berg"],
    &["Smit"],
];

pub const ORIGINS: &[Origin] = &[
    Origin {
        country: "SY",
        languages: &["ar"],
        weight: 30,
        given_male: ARABIC_MALE,
        given_female: ARABIC_FEMALE,
        family: ARABIC_FAMILY,
        family_prefixes: &["Al-", "Al ", "El ", "al-", "Al"],
        parts: (2, 3),
    },
    Origin {
        country: "IQ",
        languages: &["ar"],
        weight: 8,
        given_male: ARABIC_MALE,
        given_female: ARABIC_FEMALE,
        family: ARABIC_FAMILY,
        family_prefixes: &["Al-", "Al ", "Al"],
        parts: (2, 3),
    },
    Origin {
        country: "ER",
        languages: &["ti"],
        weight: 22,
        given_male: TIGRINYA_MALE,
        given_female: TIGRINYA_FEMALE,
        family: &[],
        family_prefixes: &[],
        parts: (2, 3),
    },
    Origin {
        country: "AF",
        languages: &["prs", "ps"],
        weight: 14,
        given_male: AFGHAN_MALE,
        given_female: AFGHAN_FEMALE,
        family: AFGHAN_FAMILY,
        family_prefixes: &[],
        parts: (1, 3),
    },
    Origin {
        country: "SO",
        languages: &["so"],
        weight: 7,
        given_male: SOMALI_MALE,
        given_female: SOMALI_FEMALE,
        family: &[],
        family_prefixes: &[],
        parts: (3, 3),
    },
    Origin {
        country: "SY",
        languages: &["kmr", "ar"],
        weight: 7,
        given_male: KURDISH_MALE,
        given_female: KURDISH_FEMALE,
        family: KURDISH_FAMILY,
        family_prefixes: &[],
        parts: (2, 2),
    },
    Origin {
        country: "TR",
        languages: &["tr"],
        weight: 6,
        given_male: TURKISH_MALE,
        given_female: TURKISH_FEMALE,
        family: TURKISH_FAMILY,
        family_prefixes: &[],
        parts: (2, 2),
    },
    Origin {
        country: "NL",
        languages: &["nl"],
        weight: 6,
        given_male: DUTCH_MALE,
        given_female: DUTCH_FEMALE,
        family: DUTCH_FAMILY,
        family_prefixes: &[],
        parts: (2, 2),
    },
];

/// A name in one spelling, with the other spellings of the same person the desk met.
pub struct DemoName {
    pub name: String,
    pub aliases: Vec<String>,
    pub origin: &'static Origin,
}

/// Picks a spelling of one name: mostly the common one, now and then a variant.
fn spelling(rng: &mut Rng, spellings: &[&'static str]) -> String {
    if spellings.len() > 1 && rng.chance(0.35) {
        spellings[rng.below(spellings.len())].to_string()
    } else {
        spellings[0].to_string()
    }
}

/// A realistic name of 1 to 4 parts; about one in five carries an alias in another spelling.
pub fn demo_name(rng: &mut Rng) -> DemoName {
    let weights: Vec<(usize, u32)> = ORIGINS
        .iter()
        .enumerate()
        .map(|(i, o)| (i, o.weight))
        .collect();
    let origin = &ORIGINS[*rng.weighted(&weights)];
    let female = rng.chance(0.45);
    let given = if female {
        origin.given_female
    } else {
        origin.given_male
    };
    let (min, max) = origin.parts;
    let count = min + rng.below(max - min + 1);
    // Names of the parts, as indexes into their lists, so an alias can respell the same parts.
    let mut parts: Vec<&[&str]> = vec![*rng.pick(given)];
    let patronymic = origin.family.is_empty();
    for i in 1..count {
        let last = i == count - 1;
        let list = if patronymic || !last {
            origin.given_male
        } else {
            origin.family
        };
        parts.push(*rng.pick(list));
    }
    let prefix = if !origin.family_prefixes.is_empty() && count > 1 && rng.chance(0.3) {
        Some(*rng.pick(origin.family_prefixes))
    } else {
        None
    };
    let render = |rng: &mut Rng| -> String {
        let mut words: Vec<String> = parts.iter().map(|p| spelling(rng, p)).collect();
        if let (Some(prefix), Some(last)) = (prefix, words.last_mut()) {
            *last = format!("{prefix}{last}");
        }
        words.join(" ")
    };
    let name = render(rng);
    let mut aliases = Vec::new();
    if rng.chance(0.2) {
        let alias = render(rng);
        if alias != name {
            aliases.push(alias);
        }
    }
    DemoName {
        name,
        aliases,
        origin,
    }
}
