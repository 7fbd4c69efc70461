//! Contact the clinic: phone, email, booking link, address, opening hours.

use yew::prelude::*;

use crate::content::Clinic;

use super::context::use_guide;

/// The clinic's contact details, or a note to ask the clinic for them.
#[component]
pub fn Contact() -> Html {
    let Some(guide) = use_guide() else {
        return Html::default();
    };
    let clinic = &guide.content.clinic;
    let h = guide.heading(1);
    let row = |word: &str, value: Html| {
        html! {
            <div class="ig-contact-row">
                <dt>{ guide.word(word).to_owned() }</dt>
                <dd>{ value }</dd>
            </div>
        }
    };
    let tel = Clinic::tel_href;
    html! {
        <section class="ig-part" id="ig-contact" aria-labelledby="ig-contact-h">
            <@{h} id="ig-contact-h" tabindex="-1">{ guide.word("contact_heading") }</@>
            if clinic.is_empty() {
                <p>{ guide.word("contact_missing") }</p>
            } else {
                if let Some(name) = &clinic.name {
                    <p class="ig-clinic-name">{ guide.text(name) }</p>
                }
                <dl class="ig-contact">
                    if let Some(phone) = &clinic.phone {
                        { row("phone", html! { <a href={tel(phone)}>{ phone.clone() }</a> }) }
                    }
                    if let Some(email) = &clinic.email {
                        { row("email", html! { <a href={format!("mailto:{email}")}>{ email.clone() }</a> }) }
                    }
                    if let Some(website) = &clinic.website {
                        { row("website", html! { <a href={website.clone()} rel="noopener noreferrer">{ website.clone() }</a> }) }
                    }
                    if let Some(address) = &clinic.address {
                        { row("address", html! { <span class="ig-preline">{ guide.text(address).to_owned() }</span> }) }
                    }
                    if let Some(hours) = &clinic.opening_hours {
                        { row("opening_hours", html! { <span class="ig-preline">{ guide.text(hours).to_owned() }</span> }) }
                    }
                </dl>
                if let Some(booking) = &clinic.booking_url {
                    <p><a class="ig-button" href={booking.clone()} rel="noopener noreferrer">{ guide.word("book") }</a></p>
                }
            }
        </section>
    }
}
