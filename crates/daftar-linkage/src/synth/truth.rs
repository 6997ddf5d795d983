//! The truth: families and persons, and how each copy of a person is rendered with noise.

use super::*;

// ---------------------------------------------------------------------------------------------
// The truth: families and persons
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Date {
    pub(super) year: u16,
    pub(super) month: u8,
    pub(super) day: u8,
}

pub(super) fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

/// A name as the person (or their documents) usually writes it; rows render it with noise.
#[derive(Clone, Debug)]
pub(super) struct PersonName {
    pub(super) female: bool,
    pub(super) honorific: Option<Tok>,
    pub(super) given: Vec<Tok>,
    /// The family clan (index, this person's spelling), even when not usually written, so
    /// that a row can add it.
    pub(super) clan: Option<(usize, Tok)>,
    pub(super) clan_written: bool,
    pub(super) clan_first: bool,
    /// "Bibi" or "Begum" after a woman's name.
    pub(super) suffix: Option<Tok>,
}

impl PersonName {
    pub(super) fn same_given(&self, other: &PersonName) -> bool {
        self.given.len() == other.given.len()
            && self
                .given
                .iter()
                .zip(&other.given)
                .all(|(a, b)| a.same_name(*b))
    }
}

#[derive(Clone, Debug)]
pub(super) struct Address {
    pub(super) rural: bool,
    pub(super) style: usize,
    pub(super) house: u64,
    pub(super) street: u64,
    /// Mohalla (urban) or village (rural).
    pub(super) locality: String,
    pub(super) post_office: String,
    pub(super) district: usize,
}

pub(super) const URBAN_STYLES: usize = 5;
pub(super) const RURAL_STYLES: usize = 4;

/// What siblings share.
pub(super) struct Family {
    pub(super) cnic_province: u8,
    /// District whose code the CNICs carry (where the family registered).
    pub(super) cnic_district: usize,
    /// Where the family lives.
    pub(super) district: usize,
    pub(super) clan: Option<usize>,
    pub(super) father: PersonName,
    pub(super) address: Address,
    pub(super) phone: Option<[u8; 11]>,
}

/// One true person.
pub(super) struct Person {
    pub(super) entity: u64,
    pub(super) female: bool,
    pub(super) name: PersonName,
    pub(super) dob: Date,
    /// Digits 0-9.
    pub(super) cnic: [u8; 13],
    pub(super) husband: Option<PersonName>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Case {
    AsIs,
    Upper,
    Lower,
    Mixed,
}

pub(super) struct Synth<'a> {
    pub(super) lex: &'a Lexicon,
    pub(super) rng: Rng,
    pub(super) cnic_key: [u64; 4],
    pub(super) duplicate_share: f64,
    pub(super) sibling_share: f64,
    pub(super) next_entity: u64,
    pub(super) source_weights: Vec<f64>,
    /// Scratch buffer for one field, kept to avoid an allocation per field.
    pub(super) field: String,
}

pub(super) fn clamp01(x: f64) -> f64 {
    if x.is_nan() { 0.0 } else { x.clamp(0.0, 1.0) }
}

/// A keyed permutation of 0..10^7: a 24-bit Feistel network, cycle-walked back into range. It
/// makes the middle seven CNIC digits unique per entity (up to ten million entities) without
/// remembering which numbers were used, and without visible order.
pub(super) fn permute7(x: u64, key: &[u64; 4]) -> u64 {
    let mut v = x % 10_000_000;
    loop {
        let (mut l, mut r) = (v >> 12, v & 0xFFF);
        for k in key {
            let f = mix64(r ^ k) & 0xFFF;
            (l, r) = (r, l ^ f);
        }
        v = (l << 12) | r;
        if v < 10_000_000 {
            return v;
        }
    }
}

impl<'a> Synth<'a> {
    pub(super) fn new(cfg: &SynthConfig, lex: &'a Lexicon) -> Self {
        let mut rng = Rng::new(cfg.seed);
        let cnic_key = [
            rng.next_u64(),
            rng.next_u64(),
            rng.next_u64(),
            rng.next_u64(),
        ];
        Self {
            lex,
            rng,
            cnic_key,
            duplicate_share: clamp01(cfg.duplicate_share),
            sibling_share: clamp01(cfg.sibling_share),
            next_entity: 0,
            source_weights: SOURCES.iter().map(|s| s.weight).collect(),
            field: String::with_capacity(128),
        }
    }

    /// How many rows the next entity gets.
    pub(super) fn copies(&mut self) -> usize {
        if self.rng.chance(self.duplicate_share) {
            2 + self.rng.weighted(&COPY_WEIGHTS)
        } else {
            1
        }
    }

    pub(super) fn district_in(&mut self, province: u8) -> usize {
        let lex = self.lex;
        let ds = &lex.districts_by_province[usize::from(province)];
        ds[self
            .rng
            .weighted(&lex.district_weights_by_province[usize::from(province)])]
    }

    pub(super) fn clan_in(&mut self, province: u8) -> Option<usize> {
        let list = &self.lex.clans_by_province[usize::from(province)];
        if list.is_empty() {
            None
        } else {
            Some(list[self.rng.skew15(list.len())])
        }
    }

    pub(super) fn family(&mut self) -> Family {
        let lex = self.lex;
        let cnic_province = PROVINCES[self.rng.weighted(&PROVINCE_WEIGHTS)];
        let cnic_district = self.district_in(cnic_province);
        let district = if self.rng.chance(P_MIGRANT) {
            lex.migration[self.rng.weighted(&lex.migration_weights)]
        } else {
            cnic_district
        };
        let clan = if self.rng.chance(P_FAMILY_CLAN) {
            self.clan_in(cnic_province)
        } else {
            None
        };
        // Fathers write their clan more often and are more often Haji than their children.
        let father = self.male_name(clan, 0.65, 0.12);
        let address = self.address(district);
        let phone = if self.rng.chance(P_NO_PHONE) {
            None
        } else {
            Some(self.phone())
        };
        Family {
            cnic_province,
            cnic_district,
            district,
            clan,
            father,
            address,
            phone,
        }
    }

    /// The family's first person, and siblings with probability `sibling_share`.
    pub(super) fn members(&mut self, fam: &Family) -> Vec<Person> {
        let mut people = Vec::with_capacity(4);
        let female = self.rng.chance(P_FEMALE);
        let dob = self.dob();
        let first = self.person(fam, female, dob, fam.cnic_district);
        people.push(first);
        if self.rng.chance(self.sibling_share) {
            let n = 1 + self.rng.weighted(&SIBLING_COUNT_WEIGHTS);
            for i in 0..n {
                let female = self.rng.chance(0.5);
                let dob = if i == 0 && self.rng.chance(P_TWIN) {
                    people[0].dob
                } else {
                    self.sibling_dob(people[0].dob)
                };
                let area = if self.rng.chance(P_SIBLING_SAME_AREA) {
                    fam.cnic_district
                } else {
                    self.district_in(fam.cnic_province)
                };
                let mut sibling = self.person(fam, female, dob, area);
                // Parents do not give two children the same name.
                for _ in 0..16 {
                    if people.iter().all(|p| !p.name.same_given(&sibling.name)) {
                        break;
                    }
                    sibling.name = self.person_name(female, fam.clan);
                }
                people.push(sibling);
            }
        }
        people
    }

    pub(super) fn person(
        &mut self,
        fam: &Family,
        female: bool,
        dob: Date,
        area_district: usize,
    ) -> Person {
        self.next_entity += 1;
        let entity = self.next_entity;
        let name = self.person_name(female, fam.clan);
        let cnic = self.cnic(entity, DISTRICTS[area_district].code, female);
        let husband = if female && dob.year <= 2002 && self.rng.chance(P_MARRIED) {
            // Marriage within the clan is common; otherwise a clan from the same region.
            let clan = if self.rng.chance(0.5) {
                fam.clan
            } else {
                self.clan_in(fam.cnic_province)
            };
            Some(self.male_name(clan, 0.65, 0.08))
        } else {
            None
        };
        Person {
            entity,
            female,
            name,
            dob,
            cnic,
            husband,
        }
    }

    pub(super) fn person_name(&mut self, female: bool, clan: Option<usize>) -> PersonName {
        if female {
            self.female_name(clan)
        } else {
            self.male_name(clan, 0.55, 0.06)
        }
    }

    /// This person's own spelling of a name word: the usual one 70% of the time.
    pub(super) fn spell(&mut self, t: Tok) -> Tok {
        if t.group == NO_GROUP {
            return t;
        }
        let members = VARIANTS[usize::from(t.group)];
        let text = if self.rng.chance(0.7) {
            members[0]
        } else {
            let full: Vec<&'static str> = members
                .iter()
                .copied()
                .filter(|w| !is_abbreviation(w))
                .collect();
            *self.rng.pick(&full)
        };
        Tok {
            text,
            group: t.group,
        }
    }

    pub(super) fn male_name(
        &mut self,
        clan: Option<usize>,
        p_clan: f64,
        p_honorific: f64,
    ) -> PersonName {
        let lex = self.lex;
        let mut given = Vec::with_capacity(4);
        let muhammad = self.rng.chance(P_MUHAMMAD);
        if muhammad {
            given.push(self.spell(lex.muhammad));
        }
        let entry = &lex.male[self.rng.skew2(lex.male.len())];
        for &t in entry {
            given.push(self.spell(t));
        }
        // A second one-word name: "Muhammad Ali Raza", "Asif Iqbal".
        let p_second = if muhammad { 0.15 } else { 0.25 };
        if entry.len() == 1 && self.rng.chance(p_second) {
            let second = lex.male_single[self.rng.skew2(lex.male_single.len())];
            if !second.same_name(entry[0]) {
                given.push(self.spell(second));
            }
        }
        let clan_tok = clan.map(|c| (c, self.spell(lex.clans[c])));
        let is_syed_clan = clan.is_some_and(|c| CLANS[c].name == "Syed");
        let clan_written = clan.is_some() && self.rng.chance(p_clan);
        // "Syed Imran" leads with the clan; others do so now and then ("Malik Asif").
        let clan_first = is_syed_clan || self.rng.chance(0.12);
        let syed = clan.is_some_and(|c| lex.clan_syed[c]) && !is_syed_clan;
        let p_hon = if syed { 0.5 } else { p_honorific };
        let honorific = if self.rng.chance(p_hon) {
            Some(self.honorific_for(false, clan))
        } else {
            None
        };
        PersonName {
            female: false,
            honorific,
            given,
            clan: clan_tok,
            clan_written,
            clan_first,
            suffix: None,
        }
    }

    pub(super) fn female_name(&mut self, clan: Option<usize>) -> PersonName {
        let lex = self.lex;
        let mut given = Vec::with_capacity(3);
        let entry = &lex.female[self.rng.skew2(lex.female.len())];
        for &t in entry {
            given.push(self.spell(t));
        }
        let r = self.rng.unit();
        let suffix = if r < 0.12 {
            Some(lex.bibi)
        } else if r < 0.18 {
            Some(lex.begum)
        } else {
            None
        };
        if suffix.is_none() && entry.len() == 1 && self.rng.chance(0.3) {
            let second = *self.rng.pick(&lex.female_second);
            if !second.same_name(entry[0]) {
                given.push(self.spell(second));
            }
        }
        let clan_tok = clan.map(|c| (c, self.spell(lex.clans[c])));
        let is_syed_clan = clan.is_some_and(|c| CLANS[c].name == "Syed");
        // Women write their clan less often, never before their name, and never next to
        // Bibi/Begum; a Syed woman is "Syeda X" instead.
        let clan_written =
            clan.is_some() && suffix.is_none() && !is_syed_clan && self.rng.chance(0.35);
        let syed = clan.is_some_and(|c| lex.clan_syed[c]);
        let honorific = if (syed && self.rng.chance(0.4)) || self.rng.chance(0.03) {
            Some(self.honorific_for(true, clan))
        } else {
            None
        };
        PersonName {
            female: true,
            honorific,
            given,
            clan: clan_tok,
            clan_written,
            clan_first: false,
            suffix,
        }
    }

    pub(super) fn honorific_for(&mut self, female: bool, clan: Option<usize>) -> Tok {
        let lex = self.lex;
        if female {
            if clan.is_some_and(|c| lex.clan_syed[c]) {
                return lex.syeda;
            }
            return *self.rng.pick(&lex.female_honorifics);
        }
        if let Some(h) = clan.and_then(|c| lex.clan_honorific[c])
            && self.rng.chance(0.75)
        {
            return h;
        }
        if clan.is_some_and(|c| CLANS[c].name == "Syed") {
            // The clan already says Syed; an extra honorific is a religious or social one.
            return lex.male_honorifics[self.rng.below(2)];
        }
        lex.male_honorifics[self.rng.weighted(MALE_HONORIFIC_WEIGHTS)]
    }

    pub(super) fn dob(&mut self) -> Date {
        // More young people than old: density falls linearly-ish from 2008 back to 1940.
        let u = self.rng.unit();
        let t = u * (0.6 + 0.4 * u);
        let back = ((t * f64::from(YEAR_MAX - YEAR_MIN + 1)) as u16).min(YEAR_MAX - YEAR_MIN);
        self.date_in(YEAR_MAX - back)
    }

    pub(super) fn date_in(&mut self, year: u16) -> Date {
        let month = 1 + self.rng.below(12) as u8;
        let day = 1 + self.rng.below(usize::from(days_in_month(year, month))) as u8;
        Date { year, month, day }
    }

    pub(super) fn sibling_dob(&mut self, anchor: Date) -> Date {
        let gap = 1 + self.rng.below(15) as u16;
        let can_up = anchor.year + gap <= YEAR_MAX;
        let can_down = anchor.year >= YEAR_MIN + gap;
        let year = if can_up && (!can_down || self.rng.chance(0.5)) {
            anchor.year + gap
        } else {
            // The range is 68 years and the gap at most 15, so one direction always fits.
            anchor.year - gap
        };
        self.date_in(year)
    }

    pub(super) fn cnic(&mut self, entity: u64, area: u32, female: bool) -> [u8; 13] {
        let mut d = [0u8; 13];
        let mut a = area;
        for slot in d[..5].iter_mut().rev() {
            *slot = (a % 10) as u8;
            a /= 10;
        }
        let mut mid = permute7(entity, &self.cnic_key);
        for slot in d[5..12].iter_mut().rev() {
            *slot = (mid % 10) as u8;
            mid /= 10;
        }
        // Last digit: odd for men, even for women.
        d[12] = 2 * self.rng.below(5) as u8 + u8::from(!female);
        d
    }

    pub(super) fn phone(&mut self) -> [u8; 11] {
        // Network prefixes by rough subscriber share: Jazz 0300-09, Telenor 0340-49,
        // Zong 0310-19, Ufone 0330-36, Jazz (ex-Warid) 0320-24.
        let (lo, hi) = match self.rng.weighted(&[0.36, 0.27, 0.22, 0.10, 0.05]) {
            0 => (0, 9),
            1 => (40, 49),
            2 => (10, 19),
            3 => (30, 36),
            _ => (20, 24),
        };
        let nn = lo + self.rng.below(hi - lo + 1);
        let mut d = [0u8; 11];
        d[1] = 3;
        d[2] = (nn / 10) as u8;
        d[3] = (nn % 10) as u8;
        d[4] = 1 + self.rng.below(9) as u8;
        for slot in &mut d[5..] {
            *slot = self.rng.below(10) as u8;
        }
        d
    }

    pub(super) fn village(&mut self, province: u8) -> String {
        let lex = self.lex;
        let name = if self.rng.chance(0.6) {
            lex.male_single[self.rng.skew2(lex.male_single.len())].text
        } else {
            CLANS[self.rng.below(CLANS.len())].name
        };
        let prefixes: &[&str] = match province {
            3 | 6 => {
                if self.rng.chance(0.4) {
                    let n = 1 + self.rng.below(600);
                    let suffix = self.rng.pick(CHAK_SUFFIXES);
                    return format!("Chak No. {n}/{suffix}");
                }
                &["Kot", "Basti", "Dhok", "Pind", "Jhok"]
            }
            4 => &["Goth", "Goth", "Deh", "Village"],
            5 => &["Killi", "Kili", "Goth"],
            1 | 2 => &["Banda", "Dheri", "Kalay", "Killi"],
            _ => &["Village", "Mohallah"],
        };
        let prefix = self.rng.pick(prefixes);
        format!("{prefix} {name}")
    }

    pub(super) fn address(&mut self, district: usize) -> Address {
        let d = &DISTRICTS[district];
        let p_rural = if d.weight >= 3.5 || d.province == 6 {
            0.1
        } else {
            0.5
        };
        if self.rng.chance(p_rural) {
            let locality = self.village(d.province);
            let post_office = match self.rng.below(10) {
                0..=2 => d.city.to_string(),
                3..=5 => locality.clone(),
                _ => self.village(d.province),
            };
            Address {
                rural: true,
                style: self.rng.below(RURAL_STYLES),
                house: 0,
                street: 0,
                locality,
                post_office,
                district,
            }
        } else {
            Address {
                rural: false,
                style: self.rng.below(URBAN_STYLES),
                house: 1 + self.rng.skew2(600) as u64,
                street: 1 + self.rng.below(40) as u64,
                locality: MOHALLAS[self.rng.skew15(MOHALLAS.len())].to_string(),
                post_office: String::new(),
                district,
            }
        }
    }
}
