//! The decoder's parts of the guide: the clinic's contact details, the
//! introduction, steps, timeline, questions, checklists, the crisis part, the
//! UI words, hidden sections and the schedule. The walk itself, and the
//! texts, lists and ids every part uses, are in the parent module.

use super::*;

impl Decoder {
    /// `schedule`: the visit's and the course's numbers, each a whole number
    /// or a range `[least, most]`, checked against each other.
    pub(super) fn schedule(&mut self, node: &Node, path: &str) -> Option<Schedule> {
        let f = self.object(node, path, SCHEDULE_FIELDS)?;
        let minutes =
            |d: &mut Self, node: &Node, path: &str| d.range(node, path, 1, 600, "minutes");
        let visit = self.required(&f, "visit_minutes", minutes);
        let infusion = self.required(&f, "infusion_minutes", |d, node, path| {
            let one = "the infusion's length is one number of minutes, like 40";
            d.single(node, path, 600, "minutes", one)
        });
        let recovery = self.required(&f, "recovery_minutes", minutes);
        let infusions = self.required(&f, "course_infusions", |d, node, path| {
            let one = "the number of infusions in a course is one number, like 6";
            d.single(node, path, 30, "infusions", one)
        });
        let weeks = self.required(&f, "course_weeks", |d, node, path| {
            d.range(node, path, 1, 52, "weeks")
        });
        let (visit, infusion, recovery) = (visit?, infusion?, recovery?);
        if infusion + recovery.0 > visit.1 {
            let pos = f.get("visit_minutes").map_or(node.pos, |n| n.pos);
            self.error(
                ErrorKind::Invalid,
                &f.path("visit_minutes"),
                pos,
                format!(
                    "the longest visit ({} minutes) is shorter than the infusion and the shortest recovery ({} minutes)",
                    visit.1,
                    infusion + recovery.0
                ),
            );
            return None;
        }
        Some(Schedule {
            visit_minutes: visit,
            infusion_minutes: infusion,
            recovery_minutes: recovery,
            course_infusions: u8::try_from(infusions?).ok()?,
            course_weeks: {
                let (least, most) = weeks?;
                (u8::try_from(least).ok()?, u8::try_from(most).ok()?)
            },
        })
    }

    /// One whole number from 1 to `max`: read as [`Self::range`] does, and a
    /// range is an error (`one_number` says what to write).
    pub(super) fn single(
        &mut self,
        node: &Node,
        path: &str,
        max: u16,
        unit: &str,
        one_number: &str,
    ) -> Option<u16> {
        let (least, most) = self.range(node, path, 1, max, unit)?;
        if least != most {
            self.error(ErrorKind::Invalid, path, node.pos, one_number);
            return None;
        }
        Some(least)
    }

    /// A whole number from `min` to `max`, or a range `[least, most]` of
    /// them, least first; `unit` names them in messages.
    pub(super) fn range(
        &mut self,
        node: &Node,
        path: &str,
        min: u16,
        max: u16,
        unit: &str,
    ) -> Option<(u16, u16)> {
        let whole = |value: &Value| {
            value
                .as_f64()
                .filter(|n| n.fract() == 0.0 && *n >= f64::from(min) && *n <= f64::from(max))
                .map(|n| n as u16)
        };
        let expected =
            format!("a whole number of {unit} from {min} to {max}, or a range like [{min}, {max}]");
        match &node.value {
            Value::Array(items) if items.len() == 2 => {
                match (whole(&items[0].value), whole(&items[1].value)) {
                    (Some(least), Some(most)) if least <= most => Some((least, most)),
                    (Some(_), Some(_)) => {
                        self.error(ErrorKind::Invalid, path, node.pos, format!("the range starts with its larger number; write it least first, like [{min}, {max}]"));
                        None
                    }
                    _ => {
                        self.error(
                            ErrorKind::Invalid,
                            path,
                            node.pos,
                            format!("expected {expected}"),
                        );
                        None
                    }
                }
            }
            value => match whole(value) {
                Some(n) => Some((n, n)),
                None => {
                    self.error(
                        ErrorKind::Invalid,
                        path,
                        node.pos,
                        format!("expected {expected}"),
                    );
                    None
                }
            },
        }
    }

    pub(super) fn clinic(&mut self, node: &Node, path: &str) -> Option<Clinic> {
        let f = self.object(node, path, CLINIC_FIELDS)?;
        Some(Clinic {
            name: self.optional(&f, "name", Self::text),
            phone: self.optional(&f, "phone", Self::phone),
            email: self.optional(&f, "email", Self::email),
            website: self.optional(&f, "website", Self::web_url),
            booking_url: self.optional(&f, "booking_url", Self::web_url),
            address: self.optional(&f, "address", Self::text),
            opening_hours: self.optional(&f, "opening_hours", Self::text),
        })
    }

    pub(super) fn phone(&mut self, node: &Node, path: &str) -> Option<String> {
        let phone = self.string(node, path)?;
        let allowed = phone
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | '(' | ')' | '.' | ' '));
        let digits = phone.chars().filter(char::is_ascii_digit).count();
        if allowed && (3..=20).contains(&digits) && !phone[1..].contains('+') {
            Some(phone)
        } else {
            self.error(
                ErrorKind::Invalid,
                path,
                node.pos,
                format!("\"{phone}\" is not a phone number; use digits, spaces, + - ( ) and dots only, like \"+1 555 010 0199\""),
            );
            None
        }
    }

    pub(super) fn email(&mut self, node: &Node, path: &str) -> Option<String> {
        let email = self.string(node, path)?;
        let valid = email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
        }) && !email
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>\"(),;:[]\\".contains(c));
        if valid {
            Some(email)
        } else {
            self.error(
                ErrorKind::Invalid,
                path,
                node.pos,
                format!("\"{email}\" is not an email address, like \"care@example.org\""),
            );
            None
        }
    }

    pub(super) fn web_url(&mut self, node: &Node, path: &str) -> Option<String> {
        let url = self.string(node, path)?;
        let lower = url.to_ascii_lowercase();
        if (lower.starts_with("https://") || lower.starts_with("http://"))
            && rich::link_scheme_allowed(&url)
        {
            Some(url)
        } else {
            self.error(
                ErrorKind::Link,
                path,
                node.pos,
                format!("\"{url}\" is not a web address; it must start with https:// (or http://)"),
            );
            None
        }
    }

    pub(super) fn guide(&mut self, node: &Node, path: &str) -> Option<GuideIntro> {
        let f = self.object(node, path, GUIDE_FIELDS)?;
        let title = self.required(&f, "title", Self::text);
        let summary = self.required(&f, "summary", Self::rich);
        let what_it_is = self.required(&f, "what_it_is", Self::rich);
        let who_it_is_for = self.required(&f, "who_it_is_for", Self::rich);
        let who_may_not_be_suitable = self.required(&f, "who_may_not_be_suitable", Self::rich);
        Some(GuideIntro {
            title: title?,
            summary: summary?,
            what_it_is: what_it_is?,
            who_it_is_for: who_it_is_for?,
            who_may_not_be_suitable: who_may_not_be_suitable?,
        })
    }

    pub(super) fn step(&mut self, node: &Node, path: &str) -> Option<Step> {
        let f = self.object(node, path, STEP_FIELDS)?;
        let id = self.required(&f, "id", Self::id);
        let title = self.required(&f, "title", Self::text);
        let body = self.required(&f, "body", Self::rich);
        let duration = self.optional(&f, "duration", Self::text);
        Some(Step {
            id: id?,
            title: title?,
            body: body?,
            duration,
        })
    }

    pub(super) fn phase(&mut self, node: &Node, path: &str) -> Option<TimelinePhase> {
        let f = self.object(node, path, PHASE_FIELDS)?;
        let id = self.required(&f, "id", Self::id);
        let label = self.required(&f, "label", Self::text);
        let when = self.required(&f, "when", Self::text);
        let items = self.required(&f, "items", |d, node, path| {
            let Value::Array(items) = &node.value else {
                d.type_error(node, path, "a list of texts");
                return None;
            };
            let texts: Vec<Option<Text>> = items
                .iter()
                .enumerate()
                .map(|(i, item)| d.text(item, &format!("{path}[{i}]")))
                .collect();
            texts.into_iter().collect()
        });
        Some(TimelinePhase {
            id: id?,
            label: label?,
            when: when?,
            items: items?,
        })
    }

    pub(super) fn faq_category(&mut self, node: &Node, path: &str) -> Option<FaqCategory> {
        let f = self.object(node, path, FAQ_CATEGORY_FIELDS)?;
        let id = self.required(&f, "id", Self::id);
        let label = self.required(&f, "label", Self::text);
        Some(FaqCategory {
            id: id?,
            label: label?,
        })
    }

    pub(super) fn faq(&mut self, node: &Node, path: &str) -> Option<Faq> {
        let f = self.object(node, path, FAQ_FIELDS)?;
        let id = self.required(&f, "id", Self::id);
        let question = self.required(&f, "question", Self::text);
        let answer = self.required(&f, "answer", Self::rich);
        let category = self.optional(&f, "category", Self::id);
        Some(Faq {
            id: id?,
            question: question?,
            answer: answer?,
            category,
        })
    }

    pub(super) fn check_categories(
        &mut self,
        faq: &[Faq],
        categories: &[FaqCategory],
        doc: &Fields<'_>,
    ) {
        let known: Vec<&str> = categories.iter().map(|c| c.id.as_str()).collect();
        let nodes = doc
            .get("faq")
            .and_then(|n| n.value.as_array())
            .unwrap_or(&[]);
        for (i, question) in faq.iter().enumerate() {
            let Some(category) = &question.category else {
                continue;
            };
            if known.contains(&category.as_str()) {
                continue;
            }
            let pos = nodes
                .get(i)
                .and_then(|n| n.get("category"))
                .map_or(doc.node.pos, |n| n.pos);
            let hint = hint(category, &known, || {
                format!("; the categories are: {}", known.join(", "))
            });
            self.error(
                ErrorKind::Invalid,
                &format!("faq[{i}].category"),
                pos,
                format!("there is no FAQ category \"{category}\"{hint}"),
            );
        }
    }

    pub(super) fn checklist_item(&mut self, node: &Node, path: &str) -> Option<ChecklistItem> {
        let f = self.object(node, path, CHECKLIST_ITEM_FIELDS)?;
        let id = self.required(&f, "id", Self::id);
        let text = self.required(&f, "text", Self::text);
        Some(ChecklistItem {
            id: id?,
            text: text?,
        })
    }

    pub(super) fn crisis(&mut self, node: &Node, path: &str) -> Option<Crisis> {
        let f = self.object(node, path, CRISIS_FIELDS)?;
        let region = self.required(&f, "region", |d, node, path| {
            let name = d.string(node, path)?;
            let region = Region::from_name(&name);
            if region.is_none() {
                let names: Vec<&str> = Region::ALL.iter().map(|(name, _)| *name).collect();
                let hint = hint(&name, &names, || {
                    format!("; the regions are {}", Region::names_in_words())
                });
                d.error(
                    ErrorKind::Invalid,
                    path,
                    node.pos,
                    format!("\"{name}\" is not a crisis region{hint}"),
                );
            }
            region
        });
        let note = self.optional(&f, "note", Self::text);
        Some(Crisis {
            region: region?,
            note,
        })
    }

    pub(super) fn ui(&mut self, node: &Node, path: &str) -> Option<Ui> {
        let Value::Object(members) = &node.value else {
            self.type_error(
                node,
                path,
                "an object of words per language, like { \"en\": { \"next_step\": \"Next\" } }",
            );
            return None;
        };
        let mut ui = SmallMap::default();
        for member in members {
            let lang_path = join(path, &member.key);
            if !self.languages.contains(&member.key) {
                // Words for a language the document does not carry are unused, not wrong:
                // the built-in Spanish words stay when a clinic's guide is English only.
                continue;
            }
            let Some(words) = self.object(&member.value, &lang_path, UI_KEYS) else {
                continue;
            };
            let mut map = SmallMap::default();
            for key in UI_KEYS.iter().filter(|key| !RETIRED_UI_KEYS.contains(key)) {
                match words.get(key) {
                    Some(value) => {
                        if let Some(word) = self.string(value, &words.path(key)) {
                            map.insert((*key).to_owned(), word);
                        }
                    }
                    None if LATER_UI_KEYS.contains(key) => {}
                    None => self.error(
                        ErrorKind::MissingLanguage,
                        &words.path(key),
                        member.value.pos,
                        format!(
                            "the widget's word \"{key}\" has no \"{}\" version",
                            member.key
                        ),
                    ),
                }
            }
            ui.insert(member.key.clone(), map);
        }
        for lang in self.languages.clone() {
            if !ui.contains_key(&lang) {
                self.error(
                    ErrorKind::MissingLanguage,
                    &join(path, &lang),
                    node.pos,
                    format!("the widget's own words have no \"{lang}\" version; add \"ui\": {{ \"{lang}\": {{ ... }} }} with every word"),
                );
            }
        }
        Some(Ui(ui))
    }

    pub(super) fn hide(&mut self, node: &Node, path: &str) -> Option<Vec<Section>> {
        let Value::Array(items) = &node.value else {
            self.type_error(node, path, "a list of section names, like [\"faq\"]");
            return None;
        };
        let names: Vec<&str> = Section::ALL.iter().map(|s| s.name()).collect();
        let mut hidden = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let item_path = format!("{path}[{i}]");
            let Some(name) = self.string(item, &item_path) else {
                continue;
            };
            match Section::from_name(&name) {
                Some(section) => hidden.push(section),
                None if name == "crisis" || name == "disclaimer" => self.error(
                    ErrorKind::Invalid,
                    &item_path,
                    item.pos,
                    format!("the {name} section cannot be hidden: patients must always see it"),
                ),
                None => {
                    let hint = hint(&name, &names, || {
                        format!("; the sections are: {}", names.join(", "))
                    });
                    self.error(
                        ErrorKind::Invalid,
                        &item_path,
                        item.pos,
                        format!("there is no section \"{name}\"{hint}"),
                    );
                }
            }
        }
        Some(hidden)
    }
}
