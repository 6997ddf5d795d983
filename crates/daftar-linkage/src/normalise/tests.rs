use super::*;

#[test]
fn clean_table() {
    let cases: &[(&str, &str)] = &[
        ("", ""),
        ("   ", ""),
        ("Muhammad Ali", "muhammad ali"),
        ("  Muhammad   ALI-Khan ", "muhammad ali khan"),
        ("Ch. Muhammad Aslam", "ch muhammad aslam"),
        ("M.Husain", "m husain"),
        ("s/o Ghulam_Rasool (late)", "s o ghulam rasool late"),
        ("Sa'eed", "saeed"),
        ("Ja’far", "jafar"),
        ("Mas`ud", "masud"),
        ("Muḥammad Ḥusayn", "muhammad husayn"),
        ("ʿAbd al-Raḥmān", "abd al rahman"),
        ("Zoë Müller-Lüdenscheidt", "zoe muller ludenscheidt"),
        ("José Ñúñez", "jose nunez"),
        ("STRAßE Æsir Œuvre", "strasse aesir oeuvre"),
        ("Cafe\u{301}", "cafe"),
        ("ĀLAM", "alam"),
        ("House #12, St. 5", "house 12 st 5"),
        ("tab\there\nnewline", "tab here newline"),
        ("محمد علی", "محمد علی"),
        ("محمد، علی۔", "محمد علی"),
        ("مُحَمَّد", "محمد"),
        ("علي", "علی"),
        ("كريم", "کریم"),
        ("٣٥٢٠٢", "35202"),
        ("۳۵۲۰۲-۱۲۳", "35202 123"),
        ("a\u{200C}b", "ab"),
        ("x & y @ z!", "x y z"),
    ];
    for (input, want) in cases {
        assert_eq!(clean(input), *want, "clean({input:?})");
        assert_eq!(clean(want), *want, "clean is idempotent on {want:?}");
    }
}

#[test]
fn builtin_table_is_consistent() {
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for (canonical, variants) in PAKISTANI_VARIANTS {
        assert_eq!(
            clean(canonical),
            *canonical,
            "canonical {canonical} is clean"
        );
        assert!(!canonical.contains(' '), "{canonical} is one token");
        for v in *variants {
            assert_eq!(clean(v), *v, "variant {v} is clean");
            assert!(!v.contains(' '), "{v} is one token");
            if let Some(previous) = seen.insert(v, canonical) {
                assert_eq!(previous, *canonical, "{v} is in two groups");
            }
            assert!(
                !PAKISTANI_HONORIFICS.contains(v),
                "{v} is both a variant and an honorific"
            );
        }
    }
    for h in PAKISTANI_HONORIFICS {
        assert_eq!(clean(h), *h, "honorific {h} is clean");
        assert!(!h.contains(' '), "{h} is one token");
    }
    // No canonical spelling is itself a variant of something else: mappings are
    // not chained, so that would leave two spellings for one name.
    for (canonical, _) in PAKISTANI_VARIANTS {
        assert!(
            !seen.contains_key(canonical),
            "canonical {canonical} is also a variant of {:?}",
            seen.get(canonical)
        );
        assert!(
            !PAKISTANI_HONORIFICS.contains(canonical),
            "canonical {canonical} is an honorific"
        );
    }
}

#[test]
fn table_lookups() {
    let t = NameTable::pakistani();
    let canon: &[(&str, &str)] = &[
        ("mohammad", "muhammad"),
        ("mohd", "muhammad"),
        ("m", "muhammad"),
        ("md", "muhammad"),
        ("ahmed", "ahmad"),
        ("husain", "hussain"),
        ("hussian", "hussain"),
        ("hasan", "hassan"),
        ("yousaf", "yusuf"),
        ("ch", "chaudhry"),
        ("choudhary", "chaudhry"),
        ("aly", "ali"),
        ("abdur", "abdul"),
        ("rahman", "rehman"),
        ("gulam", "ghulam"),
        ("mehmood", "mahmood"),
        ("aisha", "ayesha"),
        ("omar", "umar"),
        ("rafique", "rafiq"),
        ("bhatt", "butt"),
        ("bi", "bibi"),
        ("begam", "begum"),
        ("ur", "ul"),
        ("aslam", "aslam"),
        ("xyz", "xyz"),
        ("muhammad", "muhammad"),
    ];
    for (token, want) in canon {
        assert_eq!(t.canonical(token), *want, "canonical({token})");
    }
    let honorific: &[(&str, bool)] = &[
        ("syed", true),
        ("malik", true),
        ("mian", true),
        ("hafiz", true),
        ("haji", true),
        ("sardar", true),
        ("mir", true),
        ("rana", true),
        ("mr", true),
        ("dr", true),
        ("mst", true),
        ("ch", false),
        ("khan", false),
        ("shah", false),
        ("ali", false),
    ];
    for (token, want) in honorific {
        assert_eq!(t.is_honorific(token), *want, "is_honorific({token})");
    }
    let e = NameTable::empty();
    assert_eq!(e.canonical("mohd"), "mohd");
    assert_eq!(e.canonical("m"), "m");
    assert!(!e.is_honorific("syed"));
}

#[test]
fn table_additions() {
    let mut t = NameTable::pakistani();
    t.add_variant("Aslum", "ASLAM");
    assert_eq!(t.canonical("aslum"), "aslam");
    // Keeping an honorific as a name.
    t.add_variant("Malik", "malik");
    assert!(!t.is_honorific("malik"));
    assert_eq!(
        name("Malik Riaz", &t).as_deref(),
        Some("malik riaz"),
        "malik kept once made a variant"
    );
    // Dropping a variant as an honorific.
    t.add_honorific("Khan");
    assert!(t.is_honorific("khan"));
    assert_eq!(name("Imran Khan", &t).as_deref(), Some("imran"));
    // Overriding a built-in variant.
    t.add_variant("md", "mahmood");
    assert_eq!(t.canonical("md"), "mahmood");
    // Empty sides are ignored.
    t.add_variant("", "x");
    t.add_variant("...", "x");
    t.add_honorific(" - ");
    assert_eq!(t.canonical(""), "");
    assert!(!t.is_honorific(""));
    // Phrases.
    t.add_variant("Abdul-Rehman", "abdulrehman");
    t.add_variant("abdurrahman", "abdul rehman");
    t.add_honorific("Hafiz e Quran");
    let cases: &[(&str, &str)] = &[
        ("Abdul Rehman Shah", "abdulrehman shah"),
        ("Abdur Rahman", "abdul rehman"),
        ("Abdurrahman", "abdul rehman"),
        ("Hafiz-e-Quran Bilal", "bilal"),
        ("Noor e Quran", "noor e quran"),
    ];
    for (input, want) in cases {
        assert_eq!(name(input, &t).as_deref(), Some(*want), "name({input:?})");
    }
}

#[test]
fn name_table() {
    let t = NameTable::pakistani();
    let cases: &[(&str, Option<&str>)] = &[
        ("Syed Muhammad Hussain Shah", Some("muhammad hussain shah")),
        ("M. Husain", Some("muhammad hussain")),
        ("Ch. Muhammad Aslam", Some("chaudhry muhammad aslam")),
        ("Muhammad Aslam Chaudhary", Some("muhammad aslam chaudhry")),
        ("Muhammad Ali Khan", Some("muhammad ali khan")),
        ("Khan Muhammad Ali", Some("khan muhammad ali")),
        ("MOHD. ALY", Some("muhammad ali")),
        ("Md Yousaf", Some("muhammad yusuf")),
        ("Mohammed Ahmed", Some("muhammad ahmad")),
        ("Muhammed Rasheed", Some("muhammad rashid")),
        ("Malik Muhammad Riaz", Some("muhammad riaz")),
        ("Rana Tariq Mahmood", Some("tariq mahmood")),
        ("Mian Nawaz Sharif", Some("nawaz sharif")),
        ("Hafiz Haji Sardar Mir Ahmad", Some("ahmad")),
        ("Dr. Ayesha Siddiqa", Some("ayesha siddiqa")),
        ("Mst. Fatimah Bibi", Some("fatima bibi")),
        ("Mrs. Aisha Begam", Some("ayesha begum")),
        ("Sheikh Rasheed Ahmed", Some("rashid ahmad")),
        ("Fatima binte Abdullah", Some("fatima abdullah")),
        ("Ali bin Usman", Some("ali usman")),
        ("Aslam s/o Akbar", Some("aslam akbar")),
        ("Kulsoom D/O Ghulam Rasool", Some("kulsoom ghulam rasool")),
        ("Zainab W/O Muhammad Akram", Some("zainab muhammad akram")),
        ("Zia-ur-Rehman", Some("zia ul rehman")),
        ("Zia ul Rahman", Some("zia ul rehman")),
        ("Inam-ul-Haq", Some("inam ul haq")),
        ("Abdur Rahman", Some("abdul rehman")),
        ("A. Q. Khan", Some("a q khan")),
        ("S. M. Ali", Some("s muhammad ali")),
        ("Sa'eed Akhter", Some("saeed akhtar")),
        ("Muḥammad Ḥusain", Some("muhammad hussain")),
        ("Syed", None),
        ("Mr.", None),
        ("", None),
        ("  -- ", None),
        ("s/o", None),
        ("M.", Some("muhammad")),
        ("محمد علی", Some("محمد علی")),
    ];
    for (input, want) in cases {
        assert_eq!(name(input, &t).as_deref(), *want, "name({input:?})");
    }
}

#[test]
fn name_with_empty_table() {
    let t = NameTable::empty();
    let cases: &[(&str, Option<&str>)] = &[
        ("M. Smith", Some("m smith")),
        ("Mr John O'Neil", Some("mr john oneil")),
        ("Mohd Ali", Some("mohd ali")),
        ("Ali bin Usman", Some("ali usman")),
        ("", None),
    ];
    for (input, want) in cases {
        assert_eq!(name(input, &t).as_deref(), *want, "name({input:?})");
    }
}

#[test]
fn cnic_table() {
    let cases: &[(&str, Option<&str>)] = &[
        ("35202-1234567-1", Some("3520212345671")),
        ("3520212345671", Some("3520212345671")),
        ("35202 1234567 1", Some("3520212345671")),
        (" 35202–1234567–2 ", Some("3520212345672")),
        ("۳۵۲۰۲-۱۲۳۴۵۶۷-۱", Some("3520212345671")),
        ("35202-123456-1", Some("352021234561")),
        ("352021234567", Some("352021234567")),
        ("35202-12345678-1", Some("35202123456781")),
        ("35202123456", None),
        ("352021234567890", None),
        ("", None),
        ("   ", None),
        ("N/A", None),
        ("35202-1234567-X", None),
        ("CNIC 3520212345671", None),
        ("35202/1234567/1", None),
    ];
    for (input, want) in cases {
        assert_eq!(cnic(input).as_deref(), *want, "cnic({input:?})");
    }
}

#[test]
fn cnic_sex_table() {
    let cases: &[(&str, Option<char>)] = &[
        ("3520212345671", Some('m')),
        ("3520212345673", Some('m')),
        ("3520212345679", Some('m')),
        ("3520212345672", Some('f')),
        ("3520212345670", Some('f')),
        ("352021234567", None),
        ("35202123456712", None),
        ("35202-1234567-1", None),
        ("352021234567x", None),
        ("", None),
    ];
    for (input, want) in cases {
        assert_eq!(cnic_sex(input), *want, "cnic_sex({input:?})");
    }
}

#[test]
fn phone_table() {
    let cases: &[(&str, Option<&str>)] = &[
        ("0300-1234567", Some("3001234567")),
        ("03001234567", Some("3001234567")),
        ("+92 300 1234567", Some("3001234567")),
        ("+923001234567", Some("3001234567")),
        ("923001234567", Some("3001234567")),
        ("00923001234567", Some("3001234567")),
        ("0092 300 1234567", Some("3001234567")),
        ("3001234567", Some("3001234567")),
        ("+92 (0)300 1234567", Some("3001234567")),
        ("+92-0321-7654321", Some("3217654321")),
        ("0321.765.4321", Some("3217654321")),
        ("(0300) 1234567", Some("3001234567")),
        ("٠٣٠٠١٢٣٤٥٦٧", Some("3001234567")),
        ("042-35761234", Some("4235761234")),
        ("+92 42 35761234", Some("4235761234")),
        ("924235761234", Some("4235761234")),
        ("051-9201234", Some("519201234")),
        ("35761234", Some("35761234")),
        ("0300-1234567, 0321-7654321", Some("3001234567")),
        ("N/A; 0300-1234567", Some("3001234567")),
        ("+44 20 7946 0958", Some("442079460958")),
        ("0044 20 7946 0958", Some("442079460958")),
        ("123456", None),
        ("0-123456", None),
        ("", None),
        ("N/A", None),
        ("0300-1234567 ext 12", None),
        ("1234567890123456", None),
    ];
    for (input, want) in cases {
        assert_eq!(phone(input).as_deref(), *want, "phone({input:?})");
    }
}

fn full(year: u16, month: u8, day: u8) -> PartialDate {
    PartialDate {
        year,
        month: Some(month),
        day: Some(day),
    }
}

fn year_only(year: u16) -> PartialDate {
    PartialDate {
        year,
        month: None,
        day: None,
    }
}

#[test]
fn date_table() {
    let cases: &[(&str, Option<PartialDate>)] = &[
        ("1985-03-07", Some(full(1985, 3, 7))),
        ("07/03/1985", Some(full(1985, 3, 7))),
        ("07-03-1985", Some(full(1985, 3, 7))),
        ("07.03.1985", Some(full(1985, 3, 7))),
        ("19850307", Some(full(1985, 3, 7))),
        ("1985", Some(year_only(1985))),
        (" 1985 ", Some(year_only(1985))),
        ("7/3/1985", Some(full(1985, 3, 7))),
        ("1985/03/07", Some(full(1985, 3, 7))),
        ("1985-3-7", Some(full(1985, 3, 7))),
        ("1985-03-07T00:00:00", Some(full(1985, 3, 7))),
        ("1985-03-07 00:00:00", Some(full(1985, 3, 7))),
        ("۰۷/۰۳/۱۹۸۵", Some(full(1985, 3, 7))),
        ("29/02/2000", Some(full(2000, 2, 29))),
        ("29/02/2004", Some(full(2004, 2, 29))),
        ("31/12/2100", Some(full(2100, 12, 31))),
        ("01/01/1900", Some(full(1900, 1, 1))),
        ("31/02/1985", None),
        ("29/02/1900", None),
        ("29/02/2001", None),
        ("31/04/1985", None),
        ("00/03/1985", None),
        ("07/00/1985", None),
        ("07/13/1985", None),
        ("03/25/1985", None),
        ("1899", None),
        ("2101", None),
        ("31/12/1899", None),
        ("07/03/85", None),
        ("85", None),
        ("198503", None),
        ("1985-03", None),
        ("07/03-1985", None),
        ("07/03/1985/1", None),
        ("1985-03-07x", None),
        ("March 1985", None),
        ("", None),
        ("abcd", None),
        ("007/03/1985", None),
    ];
    for (input, want) in cases {
        assert_eq!(date(input), *want, "date({input:?})");
    }
}

#[test]
fn date_keys_round_trip() {
    let cases: &[(PartialDate, &str)] = &[
        (full(1985, 3, 7), "1985-03-07"),
        (full(2000, 2, 29), "2000-02-29"),
        (year_only(1985), "1985"),
        (
            PartialDate {
                year: 1985,
                month: Some(3),
                day: None,
            },
            "1985-03",
        ),
    ];
    for (d, key) in cases {
        assert_eq!(d.key(), *key);
        assert_eq!(PartialDate::from_key(key), Some(*d), "from_key({key})");
    }
    let bad: &[&str] = &[
        "",
        "85",
        "1985-3-7",
        "07/03/1985",
        "19850307",
        "1985-02-30",
        "1985-13",
        "1985-00",
        "1985-03-00",
        "1985-03-07 ",
        "198a",
        "1985-03-0x",
        "1985_03_07",
    ];
    for key in bad {
        assert_eq!(PartialDate::from_key(key), None, "from_key({key:?})");
    }
}

#[test]
fn gender_table() {
    let cases: &[(&str, Option<char>)] = &[
        ("m", Some('m')),
        ("M", Some('m')),
        ("Male", Some('m')),
        (" MALE ", Some('m')),
        ("man", Some('m')),
        ("Mr.", Some('m')),
        ("f", Some('f')),
        ("F", Some('f')),
        ("Female", Some('f')),
        ("woman", Some('f')),
        ("Mrs", Some('f')),
        ("Ms.", Some('f')),
        ("Miss", Some('f')),
        ("مرد", Some('m')),
        ("مذکر", Some('m')),
        ("عورت", Some('f')),
        ("خاتون", Some('f')),
        ("مؤنث", Some('f')),
        ("مونث", Some('f')),
        ("", None),
        ("x", None),
        ("other", None),
        ("unknown", None),
        ("1", None),
        ("males", None),
    ];
    for (input, want) in cases {
        assert_eq!(gender(input), *want, "gender({input:?})");
    }
}

#[test]
fn text_table() {
    let cases: &[(&str, Option<&str>)] = &[
        (
            "H# 12, St. 5, Sector G-9/2, Islamabad",
            Some("house 12 street 5 sector g 9 2 islamabad"),
        ),
        ("House No. 12-B, Street # 4", Some("house 12 b street 4")),
        (
            "H.No. 45 Mohallah Islampura",
            Some("house 45 mohalla islampura"),
        ),
        ("hno 7 muhalla qazian", Some("house 7 mohalla qazian")),
        ("h#7", Some("house 7")),
        ("#7 Main Rd", Some("7 main road")),
        ("Blk C, Sec 4, Clny", Some("block c sector 4 colony")),
        ("Block-C Sector-4 Colony", Some("block c sector 4 colony")),
        (
            "Chak No. 123/GB, Distt. Faisalabad",
            Some("chak 123 gb district faisalabad"),
        ),
        (
            "Nr. Jamia Masjid, Opp. Mkt",
            Some("near jamia masjid opposite market"),
        ),
        ("DHA Ph 5", Some("dha phase 5")),
        (
            "Vill. Tehsil Teh Kharian",
            Some("village tehsil tehsil kharian"),
        ),
        ("Anarkali Bazar", Some("anarkali bazaar")),
        ("Plot H 4", Some("plot h 4")),
        ("Makan 5", Some("house 5")),
        ("no", None),
        ("#", None),
        ("", None),
        (" , . ", None),
    ];
    for (input, want) in cases {
        assert_eq!(text(input).as_deref(), *want, "text({input:?})");
    }
}
