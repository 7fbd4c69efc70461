//! A starter content file for a new clinic (`infusion-guide init`).
//!
//! It sets only the clinic's own details and crisis region; everything else
//! comes from the built-in guide until the clinic changes it. The result is
//! checked like any clinic file before it is written.

/// Where a starter file looks for its JSON Schema: next to it, where the
/// README says to copy `dist/content.schema.json`, so editors such as VS Code
/// complete and check fields while the clinic types.
pub(crate) const STARTER_SCHEMA_PATH: &str = "content.schema.json";

/// What `init` knows about a new clinic.
#[derive(Clone, Copy, Debug)]
pub struct StarterClinic<'a> {
    /// The clinic's name, used for every language of the guide.
    pub name: &'a str,
    /// The phone number patients call.
    pub phone: &'a str,
    /// An email address, if the clinic wants one shown.
    pub email: Option<&'a str>,
    /// The clinic's website.
    pub website: Option<&'a str>,
    /// Where patients book.
    pub booking_url: Option<&'a str>,
    /// Which crisis numbers to show: a name of [`crate::Region::ALL`] (`us`, `uk`, ...).
    pub region: &'a str,
}

impl StarterClinic<'_> {
    /// The starter file, pretty-printed, ending with a newline.
    pub fn to_json(&self) -> String {
        let quote = crate::json::string_literal;
        let mut clinic = vec![
            format!(
                "    \"name\": {{ \"en\": {name}, \"es\": {name} }}",
                name = quote(self.name)
            ),
            format!("    \"phone\": {}", quote(self.phone)),
        ];
        for (key, value) in [
            ("email", self.email),
            ("website", self.website),
            ("booking_url", self.booking_url),
        ] {
            if let Some(value) = value {
                clinic.push(format!("    \"{key}\": {}", quote(value)));
            }
        }
        format!(
            "{{\n  \"$schema\": {},\n  \"format\": 1,\n  \"clinic\": {{\n{}\n  }},\n  \"crisis\": {{ \"region\": {} }}\n}}\n",
            quote(STARTER_SCHEMA_PATH),
            clinic.join(",\n"),
            quote(self.region)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load_clinic;

    #[test]
    fn the_starter_file_is_valid_and_carries_the_details() {
        let starter = StarterClinic {
            name: "Riverbend \"Mood\" Clinic",
            phone: "+1 555 010 0199",
            email: Some("care@riverbend.example"),
            website: None,
            booking_url: Some("https://riverbend.example/book"),
            region: "uk",
        };
        let content = load_clinic(&starter.to_json()).expect("a valid file");
        assert_eq!(content.clinic.phone.as_deref(), Some("+1 555 010 0199"));
        assert_eq!(
            content.clinic.name.as_ref().map(|n| n.get("es", "en")),
            Some("Riverbend \"Mood\" Clinic")
        );
        assert_eq!(content.crisis.region, crate::Region::Uk);
        assert_eq!(content.clinic.website, None);
    }

    #[test]
    fn bad_values_make_an_invalid_file() {
        let starter = StarterClinic {
            name: "X",
            phone: "call us",
            email: None,
            website: None,
            booking_url: None,
            region: "mars",
        };
        let errors = load_clinic(&starter.to_json()).expect_err("invalid");
        assert_eq!(errors.len(), 2, "{errors:?}");
    }
}
