//! Rendering the truth: each copy of a person written through one source's habits and errors.

use super::*;

impl Synth<'_> {
    // -----------------------------------------------------------------------------------------
    // Rows: the truth rendered through one source's habits and errors
    // -----------------------------------------------------------------------------------------

    /// Renders one row (without its id) into `line`.
    pub(super) fn row(&mut self, fam: &Family, p: &Person, line: &mut String) {
        line.clear();
        let src = &SOURCES[self.rng.weighted(&self.source_weights)];
        let m = src.noise;
        let case = self.case_mode(src, m);
        let mut f = std::mem::take(&mut self.field);

        self.render_cnic(&p.cnic, src, m, &mut f);
        push_csv(line, &f);
        line.push(',');

        self.render_name(&p.name, m, P_NAME_TYPO, &mut f);
        self.apply_case(&mut f, case);
        push_csv(line, &f);
        line.push(',');

        f.clear();
        if !self.rng.chance(P_FATHER_MISSING * m) {
            let father = match &p.husband {
                Some(h) if self.rng.chance(P_HUSBAND_AS_FATHER) => h,
                _ => &fam.father,
            };
            self.render_name(father, m, P_FATHER_TYPO, &mut f);
            self.apply_case(&mut f, case);
        }
        push_csv(line, &f);
        line.push(',');

        self.render_gender(p.female, src, m, &mut f);
        push_csv(line, &f);
        line.push(',');

        self.render_dob(p.dob, src, m, &mut f);
        push_csv(line, &f);
        line.push(',');

        self.render_district(fam.district, m, &mut f);
        self.apply_case(
            &mut f,
            if case == Case::Mixed {
                Case::AsIs
            } else {
                case
            },
        );
        push_csv(line, &f);
        line.push(',');

        self.render_address(&fam.address, m, &mut f);
        self.apply_case(
            &mut f,
            if case == Case::Mixed {
                Case::AsIs
            } else {
                case
            },
        );
        push_csv(line, &f);
        line.push(',');

        self.render_phone(fam.phone, m, &mut f);
        push_csv(line, &f);
        line.push(',');

        line.push_str(src.name);
        line.push(',');
        line.push('e');
        push_padded(line, p.entity, 7);

        self.field = f;
    }

    pub(super) fn case_mode(&mut self, src: &Source, m: f64) -> Case {
        let r = self.rng.unit();
        if r < src.upper {
            Case::Upper
        } else if r < src.upper + P_LOWER * m {
            Case::Lower
        } else if r < src.upper + (P_LOWER + P_MIXED) * m {
            Case::Mixed
        } else {
            Case::AsIs
        }
    }

    pub(super) fn apply_case(&mut self, s: &mut String, case: Case) {
        match case {
            Case::AsIs => {}
            Case::Upper => s.make_ascii_uppercase(),
            Case::Lower => s.make_ascii_lowercase(),
            Case::Mixed => {
                // Word by word, as when a clerk retypes part of a name.
                let mut out = String::with_capacity(s.len());
                for (i, w) in s.split(' ').enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    match self.rng.below(3) {
                        0 => out.extend(w.chars().map(|c| c.to_ascii_uppercase())),
                        1 => out.extend(w.chars().map(|c| c.to_ascii_lowercase())),
                        _ => out.push_str(w),
                    }
                }
                *s = out;
            }
        }
    }

    pub(super) fn respell(&mut self, t: Tok, m: f64) -> &'static str {
        if t.group == NO_GROUP || !self.rng.chance(P_RESPELL * m) {
            return t.text;
        }
        let members = VARIANTS[usize::from(t.group)];
        let i = self.rng.below(members.len() - 1);
        // Uniform over the other spellings: the last one stands in for the current one.
        if members[i] == t.text {
            members[members.len() - 1]
        } else {
            members[i]
        }
    }

    pub(super) fn render_name(&mut self, name: &PersonName, m: f64, p_typo: f64, out: &mut String) {
        out.clear();
        let mut honorific = name.honorific;
        if honorific.is_some() {
            if self.rng.chance(P_HONORIFIC_DROP * m) {
                honorific = None;
            }
        } else {
            // Clerks add honorifics less often than they drop them, and rarely to women.
            let p_add = if name.female {
                P_HONORIFIC_ADD_FEMALE
            } else {
                P_HONORIFIC_ADD_MALE
            };
            if self.rng.chance(p_add * m) {
                honorific = Some(self.honorific_for(name.female, name.clan.map(|c| c.0)));
            }
        }
        let (mut show_clan, mut clan_first) = (name.clan_written, name.clan_first);
        if name.clan.is_some() {
            if show_clan {
                if self.rng.chance(P_CLAN_DROP * m) {
                    show_clan = false;
                } else if self.rng.chance(P_CLAN_MOVE * m) {
                    clan_first = !clan_first;
                }
            } else if name.suffix.is_none() && self.rng.chance(P_CLAN_ADD * m) {
                show_clan = true;
                clan_first = false;
            }
        }
        let clan = name.clan.filter(|_| show_clan).map(|c| c.1);
        // "Malik Malik Asif" and "Syed Syed Ali" are not things clerks write.
        if let Some(h) = honorific
            && (clan.is_some_and(|c| c.same_name(h))
                || name.given.first().is_some_and(|g| g.same_name(h)))
        {
            honorific = None;
        }

        if let Some(h) = honorific {
            let w = self.respell(h, m);
            push_word(out, w);
        }
        if let Some(c) = clan
            && clan_first
        {
            let w = self.respell(c, m);
            push_word(out, w);
        }
        for &g in &name.given {
            let w = self.respell(g, m);
            push_word(out, w);
        }
        if let Some(c) = clan
            && !clan_first
        {
            let w = self.respell(c, m);
            push_word(out, w);
        }
        if let Some(s) = name.suffix {
            let w = self.respell(s, m);
            push_word(out, w);
        }
        if self.rng.chance(p_typo * m) {
            typo(&mut self.rng, out);
        }
    }

    pub(super) fn render_cnic(&mut self, cnic: &[u8; 13], src: &Source, m: f64, out: &mut String) {
        out.clear();
        if self.rng.chance(P_CNIC_MISSING * m) {
            return;
        }
        let mut d: Vec<u8> = cnic.to_vec();
        if self.rng.chance(P_CNIC_DIGIT * m) {
            let i = self.rng.below(13);
            d[i] = (d[i] + 1 + self.rng.below(9) as u8) % 10;
        }
        if self.rng.chance(P_CNIC_TRANSPOSE * m) {
            // Prefer a pair of different digits, or the transposition changes nothing.
            for _ in 0..4 {
                let i = self.rng.below(12);
                if d[i] != d[i + 1] {
                    d.swap(i, i + 1);
                    break;
                }
            }
        }
        if self.rng.chance(P_CNIC_LENGTH * m) {
            let i = self.rng.below(13);
            if self.rng.chance(0.5) {
                d.remove(i);
            } else {
                d.insert(i, d[i]);
            }
        }
        let dashed = d.len() == 13 && self.rng.chance(src.cnic_dashed);
        for (i, &digit) in d.iter().enumerate() {
            if dashed && (i == 5 || i == 12) {
                out.push('-');
            }
            out.push(char::from(b'0' + digit));
        }
    }

    pub(super) fn render_gender(&mut self, female: bool, src: &Source, m: f64, out: &mut String) {
        out.clear();
        if self.rng.chance(P_GENDER_MISSING * m) {
            return;
        }
        let female = female ^ self.rng.chance(P_GENDER_FLIP * m);
        let style = if self.rng.chance(0.9) {
            src.gender_style
        } else {
            self.rng.below(3)
        };
        out.push_str(match (style, female) {
            (0, false) => "M",
            (0, true) => "F",
            (1, false) => "Male",
            (1, true) => "Female",
            (_, false) => "m",
            (_, true) => "f",
        });
    }

    pub(super) fn render_dob(&mut self, dob: Date, src: &Source, m: f64, out: &mut String) {
        out.clear();
        if self.rng.chance(P_DOB_MISSING * m) {
            return;
        }
        if self.rng.chance(P_DOB_YEAR_ONLY * m) {
            push_padded(out, u64::from(dob.year), 4);
            return;
        }
        let mut d = dob;
        if self.rng.chance(P_DOB_SWAP * m) && d.day <= 12 && d.day != d.month {
            (d.day, d.month) = (d.month, d.day);
        }
        if self.rng.chance(P_DOB_DIGIT * m) {
            d = self.mistype_date(d);
        }
        let format = if self.rng.chance(0.8) {
            src.dob_format
        } else {
            self.rng.below(4)
        };
        let (y, mo, da) = (u64::from(d.year), u64::from(d.month), u64::from(d.day));
        match format {
            0 => {
                push_padded(out, y, 4);
                out.push('-');
                push_padded(out, mo, 2);
                out.push('-');
                push_padded(out, da, 2);
            }
            1 | 3 => {
                let sep = if format == 1 { '/' } else { '-' };
                push_padded(out, da, 2);
                out.push(sep);
                push_padded(out, mo, 2);
                out.push(sep);
                push_padded(out, y, 4);
            }
            _ => {
                push_padded(out, y, 4);
                push_padded(out, mo, 2);
                push_padded(out, da, 2);
            }
        }
    }

    /// One digit wrong, keeping a valid date: the year's last digit or the day's last digit.
    pub(super) fn mistype_date(&mut self, d: Date) -> Date {
        if self.rng.chance(0.5) {
            let unit = (d.day % 10 + 1 + self.rng.below(9) as u8) % 10;
            let day = d.day / 10 * 10 + unit;
            if day >= 1 && day <= days_in_month(d.year, d.month) {
                return Date { day, ..d };
            }
        }
        let unit = (d.year % 10 + 1 + self.rng.below(9) as u16) % 10;
        let year = d.year / 10 * 10 + unit;
        let day = d.day.min(days_in_month(year, d.month));
        Date { year, day, ..d }
    }

    pub(super) fn render_district(&mut self, district: usize, m: f64, out: &mut String) {
        out.clear();
        if self.rng.chance(P_DISTRICT_MISSING * m) {
            return;
        }
        let lex = self.lex;
        let mut di = district;
        let near = &lex.neighbours[district];
        if !near.is_empty() && self.rng.chance(P_DISTRICT_NEIGHBOUR * m) {
            di = *self.rng.pick(near);
        }
        let d = &DISTRICTS[di];
        if !d.variants.is_empty() && self.rng.chance(P_DISTRICT_VARIANT) {
            let variant = *self.rng.pick::<&str>(d.variants);
            out.push_str(variant);
        } else {
            out.push_str(d.name);
        }
    }

    pub(super) fn render_address(&mut self, a: &Address, m: f64, out: &mut String) {
        out.clear();
        if self.rng.chance(P_ADDRESS_MISSING * m) {
            return;
        }
        if self.rng.chance(P_ADDRESS_MOVED * m) {
            let moved = self.address(a.district);
            write_address(&moved, moved.style, out);
            return;
        }
        let styles = if a.rural { RURAL_STYLES } else { URBAN_STYLES };
        let style = if self.rng.chance(P_ADDRESS_REWORD) {
            (a.style + 1 + self.rng.below(styles - 1)) % styles
        } else {
            a.style
        };
        write_address(a, style, out);
    }

    pub(super) fn render_phone(&mut self, phone: Option<[u8; 11]>, m: f64, out: &mut String) {
        out.clear();
        let Some(mut d) = phone else {
            return;
        };
        if self.rng.chance(P_PHONE_MISSING * m) {
            return;
        }
        if self.rng.chance(P_PHONE_CHANGED * m) {
            d = self.phone();
        }
        if self.rng.chance(P_PHONE_TYPO * m) {
            let i = 4 + self.rng.below(7);
            d[i] = (d[i] + 1 + self.rng.below(9) as u8) % 10;
        }
        let digits = |out: &mut String, ds: &[u8]| {
            for &x in ds {
                out.push(char::from(b'0' + x));
            }
        };
        match self.rng.weighted(&[0.55, 0.20, 0.10, 0.05, 0.07, 0.03]) {
            0 => {
                digits(out, &d[..4]);
                out.push('-');
                digits(out, &d[4..]);
            }
            1 => digits(out, &d),
            2 => {
                out.push_str("+92");
                digits(out, &d[1..]);
            }
            3 => {
                out.push_str("92");
                digits(out, &d[1..]);
            }
            4 => {
                digits(out, &d[..4]);
                out.push(' ');
                digits(out, &d[4..]);
            }
            _ => {
                out.push_str("+92 ");
                digits(out, &d[1..4]);
                out.push(' ');
                digits(out, &d[4..]);
            }
        }
    }
}

pub(super) fn write_address(a: &Address, style: usize, out: &mut String) {
    let d = &DISTRICTS[a.district];
    let parts: &[Part] = if a.rural {
        match style {
            0 => &[
                Part::Locality,
                Part::Text(", P.O. "),
                Part::PostOffice,
                Part::Text(", Tehsil "),
                Part::City,
                Part::Text(", District "),
                Part::District,
            ],
            1 => &[
                Part::Locality,
                Part::Text(" PO "),
                Part::PostOffice,
                Part::Text(" Teh. "),
                Part::City,
            ],
            2 => &[
                Part::Text("Vill. "),
                Part::Locality,
                Part::Text(", Post Office "),
                Part::PostOffice,
                Part::Text(", Tehsil "),
                Part::City,
                Part::Text(", Distt. "),
                Part::District,
            ],
            _ => &[
                Part::Locality,
                Part::Text(", Tehsil "),
                Part::City,
                Part::Text(", District "),
                Part::District,
            ],
        }
    } else {
        match style {
            0 => &[
                Part::Text("House "),
                Part::House,
                Part::Text(", Street "),
                Part::Street,
                Part::Text(", "),
                Part::Locality,
                Part::Text(", "),
                Part::City,
            ],
            1 => &[
                Part::Text("H# "),
                Part::House,
                Part::Text(" St "),
                Part::Street,
                Part::Text(" "),
                Part::Locality,
                Part::Text(" "),
                Part::City,
            ],
            2 => &[
                Part::Text("H.No. "),
                Part::House,
                Part::Text(", St. No. "),
                Part::Street,
                Part::Text(", "),
                Part::Locality,
                Part::Text(", "),
                Part::City,
            ],
            3 => &[
                Part::Text("House No "),
                Part::House,
                Part::Text(" Street No "),
                Part::Street,
                Part::Text(" "),
                Part::Locality,
                Part::Text(" "),
                Part::City,
            ],
            _ => &[
                Part::Locality,
                Part::Text(", House "),
                Part::House,
                Part::Text(", Street "),
                Part::Street,
                Part::Text(", "),
                Part::City,
            ],
        }
    };
    for part in parts {
        match part {
            Part::Text(t) => out.push_str(t),
            Part::House => push_padded(out, a.house, 1),
            Part::Street => push_padded(out, a.street, 1),
            Part::Locality => out.push_str(&a.locality),
            Part::PostOffice => out.push_str(&a.post_office),
            Part::City => out.push_str(d.city),
            Part::District => out.push_str(d.name),
        }
    }
}

/// A piece of an address template.
pub(super) enum Part {
    Text(&'static str),
    House,
    Street,
    Locality,
    PostOffice,
    City,
    District,
}
