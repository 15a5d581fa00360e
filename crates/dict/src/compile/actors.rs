//! Actor and agent entries: `country`, `org`, `group`, `person`, `agent`.

use super::*;

impl Compiler {
    pub(super) fn actor(
        &mut self,
        loc: &Loc<'_>,
        e: &RawEntry<'_>,
        kind: ActorKind,
    ) -> Result<(), String> {
        let (bare_names, allowed): (&[&str], &[&str]) = match kind {
            ActorKind::Country => (
                &["NAME"],
                &[
                    "alias", "adj", "demonym", "capital", "metonym", "wikidata", "dates",
                    "anycase", "note",
                ],
            ),
            ActorKind::Org => (
                &["NAME"],
                &[
                    "alias", "adj", "sectors", "region", "parent", "country", "wikidata", "dates",
                    "anycase", "note",
                ],
            ),
            ActorKind::Group => (
                &["NAME"],
                &[
                    "alias", "adj", "demonym", "country", "sectors", "wikidata", "dates",
                    "anycase", "note",
                ],
            ),
            ActorKind::Person => (
                &[],
                &[
                    "alias", "wikidata", "role", "after", "dates", "anycase", "note",
                ],
            ),
        };
        let repeat = ["alias", "adj", "demonym", "capital", "metonym", "role"];
        let (bare, keyed) = self.fields(loc, e, bare_names, allowed, &repeat)?;
        let anycase = keyed.iter().any(|(k, v)| *k == "anycase" && *v == "yes");
        if let Some((_, v)) = keyed
            .iter()
            .find(|(k, v)| *k == "anycase" && *v != "yes" && *v != "no")
        {
            self.err(
                loc,
                format!("expected `anycase: yes` or `anycase: no`, found `anycase: {v}`"),
            );
        }
        let head = e.head;
        let (code, name) = match kind {
            ActorKind::Person => {
                if head.is_empty() {
                    return Err("expected a person's name after `person`, found nothing".into());
                }
                let code: String = head
                    .chars()
                    .map(|c| {
                        if c.is_alphanumeric() {
                            c.to_ascii_uppercase()
                        } else {
                            '_'
                        }
                    })
                    .collect();
                (code, head)
            }
            ActorKind::Country => {
                if !is_code3(head) {
                    return Err(format!("expected a country code (three uppercase letters, ISO 3166-1 alpha-3 or a CAMEO region) after `country`, found `{head}`"));
                }
                (head.to_string(), bare[0])
            }
            ActorKind::Org | ActorKind::Group => {
                let ok = (2..=8).contains(&head.len())
                    && head.bytes().next().is_some_and(|b| b.is_ascii_uppercase())
                    && head
                        .bytes()
                        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
                if !ok {
                    return Err(format!("expected an {} code (3-6 uppercase letters or digits, e.g. NATO) after `{}`, found `{head}`", e.keyword, e.keyword));
                }
                (head.to_string(), bare[0])
            }
        };
        self.claim_code(loc, &code);
        let canonical = self.name(loc, name, anycase).unwrap_or_default();
        let mut actor = Actor {
            id: self.dicts.actors.len() as u32,
            kind,
            code,
            name: name.to_string(),
            canonical,
            aliases: vec![],
            adjectives: vec![],
            demonyms: vec![],
            capitals: vec![],
            metonyms: vec![],
            sectors: vec![],
            country: None,
            region: None,
            parent: None,
            roles: vec![],
            after: None,
            default: None,
            wikidata: None,
            dates: DateRange::ALWAYS,
            source: loc.source(),
        };
        let mut after_none = false;
        let keyed_roles = keyed.iter().filter(|(k, _)| *k == "role").count();
        for (k, v) in keyed {
            match k {
                "alias" => actor.aliases.extend(self.names(loc, v, anycase)),
                "adj" => actor.adjectives.extend(self.names(loc, v, anycase)),
                "demonym" => actor.demonyms.extend(self.names(loc, v, anycase)),
                "capital" => actor.capitals.extend(self.names(loc, v, anycase)),
                "metonym" => {
                    for m in list(v) {
                        if let Some(x) = self.metonym(loc, m, anycase) {
                            actor.metonyms.push(x);
                        }
                    }
                }
                "sectors" => match parse_sectors(v) {
                    Ok(s) => actor.sectors = s,
                    Err(m) => self.err(loc, m),
                },
                "country" => match self.country_ref(loc, v, "`country:`") {
                    Ok(c) => actor.country = Some(c),
                    Err(m) => self.err(loc, m),
                },
                "region" => {
                    if REGIONS.contains(&v) || is_code3(v) {
                        actor.region = Some(v.to_string());
                    } else {
                        self.err(loc, format!("expected a CAMEO region code such as EUR or WST for `region:`, found `{v}`"));
                    }
                }
                "parent" => {
                    self.places.parent_refs.push((
                        v.to_string(),
                        loc.display.to_string(),
                        loc.line,
                    ));
                    actor.parent = Some(v.to_string());
                }
                "wikidata" => {
                    if v.starts_with('Q')
                        && v.len() > 1
                        && v[1..].bytes().all(|b| b.is_ascii_digit())
                    {
                        actor.wikidata = Some(v.to_string());
                    } else {
                        self.err(
                            loc,
                            format!("expected a Wikidata id such as Q159, found `{v}`"),
                        );
                    }
                }
                "dates" => match parse_range(v) {
                    Ok(r) => actor.dates = r,
                    Err(m) => self.err(loc, m),
                },
                "role" => match self.role(loc, v) {
                    Ok(r) => actor.roles.push(r),
                    Err(m) => self.err(loc, m),
                },
                "after" => {
                    if v == "none" {
                        after_none = true;
                    } else {
                        match self.affiliation(loc, v) {
                            Ok(a) => actor.after = Some(a),
                            Err(m) => self.err(loc, m),
                        }
                    }
                }
                _ => {}
            }
        }
        match kind {
            ActorKind::Org | ActorKind::Group if actor.sectors.is_empty() => {
                self.err(
                    loc,
                    format!(
                        "expected `sectors:` (at least one, e.g. {}) for a `{}` entry, found none",
                        if kind == ActorKind::Org { "IGO" } else { "INS" },
                        e.keyword
                    ),
                );
            }
            ActorKind::Group if actor.country.is_none() => {
                self.err(loc, "expected `country:` for a `group` entry (its base country, or IMG for transnational groups), found none");
            }
            ActorKind::Person => {
                actor.roles.sort_by_key(|r| r.dates().start_day());
                if actor.after.is_none() && !after_none {
                    actor.after = actor
                        .roles
                        .iter()
                        .max_by_key(|r| r.dates().end_day())
                        .map(|r| Affiliation {
                            country: r.country.clone(),
                            sectors: vec!["ELI".to_string()],
                        });
                }
                let wrote_roles = keyed_roles > 0;
                if !wrote_roles && actor.after.is_none() {
                    self.warn(loc, format!("person `{}` has no `role:` and no `after:`: it never codes as an actor", actor.name));
                }
            }
            _ => {}
        }
        self.dicts.actors.push(actor);
        Ok(())
    }

    pub(super) fn metonym(&mut self, loc: &Loc<'_>, m: &str, anycase: bool) -> Option<Metonym> {
        let mut parts = m.splitn(3, '=');
        let name = parts.next().unwrap_or("").trim();
        let Some(secs) = parts.next() else {
            self.err(
                loc,
                format!("expected `metonym: NAME=SECTORS` (e.g. Kremlin=GOV), found `{m}`"),
            );
            return None;
        };
        let sectors = match parse_sectors(secs.trim()) {
            Ok(s) if !s.is_empty() => s,
            Ok(_) => {
                self.err(
                    loc,
                    format!("expected sectors after `=` in metonym `{m}`, found nothing"),
                );
                return None;
            }
            Err(e) => {
                self.err(loc, e);
                return None;
            }
        };
        let text = match parts.next() {
            Some(r) => format!("{name}={r}"),
            None => name.to_string(),
        };
        let name = self.name(loc, &text, anycase)?;
        Some(Metonym { name, sectors })
    }

    pub(super) fn affiliation(&mut self, loc: &Loc<'_>, v: &str) -> Result<Affiliation, String> {
        let mut it = v.split_whitespace();
        let country = it.next().unwrap_or("");
        let country = self.country_ref(loc, country, "`after:`")?;
        let rest: Vec<&str> = it.collect();
        let sectors = parse_sectors(&rest.join(" "))?;
        Ok(Affiliation { country, sectors })
    }

    pub(super) fn role(&mut self, loc: &Loc<'_>, v: &str) -> Result<Role, String> {
        let words: Vec<&str> = v.split_whitespace().collect();
        let Some((&country, rest)) = words.split_first() else {
            return Err("expected `role: COUNTRY SECTORS FROM..TO TITLE`, found nothing".into());
        };
        let country = self.country_ref(loc, country, "a role")?;
        let mut sectors = Vec::new();
        let mut i = 0;
        while i < rest.len()
            && !rest[i].contains("..")
            && rest[i].len() % 3 == 0
            && rest[i].bytes().all(|b| b.is_ascii_uppercase())
        {
            sectors.extend(parse_sectors(rest[i])?);
            i += 1;
        }
        let mut dates = DateRange::ALWAYS;
        if let Some(w) = rest.get(i) {
            if w.contains("..") {
                dates = parse_range(w)?;
                i += 1;
            } else if w.bytes().next().is_some_and(|b| b.is_ascii_digit()) {
                return Err(format!(
                    "expected a date range FROM..TO in the role, found `{w}`"
                ));
            }
        }
        if dates.is_open() {
            return Err(format!("expected a date range FROM..TO after the role's sectors (`role: {country} GOV 2012-05-07.. president`), found `{v}`"));
        }
        Ok(Role {
            country,
            sectors,
            from: dates.from,
            to: dates.to,
            title: rest[i.min(rest.len())..].join(" "),
        })
    }

    pub(super) fn agent(&mut self, loc: &Loc<'_>, e: &RawEntry<'_>) -> Result<(), String> {
        let (bare, keyed) = self.fields(
            loc,
            e,
            &["SECTORS"],
            &["plural", "alias", "country", "anycase", "note"],
            &["alias", "plural"],
        )?;
        if e.head.is_empty() {
            return Err("expected an agent noun after `agent`, found nothing".into());
        }
        let sectors = parse_sectors(bare[0])?;
        let anycase = keyed.iter().any(|(k, v)| *k == "anycase" && *v == "yes");
        let mut names = Vec::new();
        let singular = self.name(loc, e.head, anycase);
        let mut plurals: Vec<String> = Vec::new();
        let mut explicit_plural = false;
        let mut country = None;
        let mut aliases = Vec::new();
        for (k, v) in keyed {
            match k {
                "plural" => {
                    explicit_plural = true;
                    plurals.extend(list(v).map(str::to_string));
                }
                "alias" => aliases.extend(list(v).map(str::to_string)),
                "country" => country = Some(self.country_ref(loc, v, "`country:`")?),
                _ => {}
            }
        }
        if !explicit_plural {
            plurals.extend(plural_variants(e.head));
        }
        names.extend(singular);
        let mut plural_names = Vec::new();
        for p in &plurals {
            plural_names.extend(self.name(loc, p, anycase));
        }
        for a in &aliases {
            names.extend(self.name(loc, a, anycase));
            if !explicit_plural {
                for pl in plural_variants(a) {
                    plural_names.extend(self.name(loc, &pl, anycase));
                }
            }
        }
        // `agent troops | MIL | plural: troops`: the singular is the plural.
        plural_names.retain(|p| !names.iter().any(|n| n.tokens == p.tokens));
        self.dicts.agents.push(Agent {
            id: self.dicts.agents.len() as u32,
            name: e.head.to_string(),
            sectors,
            names,
            plurals: plural_names,
            country,
            placement: AgentPlacement::After,
            source: loc.source(),
        });
        Ok(())
    }
}
