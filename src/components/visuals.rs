//! Pictures drawn from the content's numbers ([`Schedule`]): a visit's time
//! bar (before the infusion, the infusion, recovery) and a course's
//! infusions. A clinic that changes the numbers changes the pictures.
//!
//! Each is inline SVG (nothing to download), hidden from screen readers,
//! beside words that say everything it shows: the picture helps the eye and
//! takes nothing from the text. Sizes are SVG attributes, never style
//! attributes (a strict Content-Security-Policy blocks those); colours come
//! from the widget's stylesheet, so dark mode, forced colours and print
//! follow it.

use yew::prelude::*;

use crate::content::{primary_language, Schedule};

use super::context::{use_guide, Guide};

/// `least` to `most` as the language says it ("15 to 60"), or one number.
fn range(guide: &Guide, (least, most): (String, String)) -> String {
    if least == most {
        least
    } else {
        format!("{least} {} {most}", guide.word("range_to"))
    }
}

/// Minutes as hours, to the nearest half hour: 90 is "1.5" ("1,5" in Spanish).
fn hours(minutes: u16, lang: &str) -> String {
    let halves = (u32::from(minutes) + 15) / 30;
    let whole = halves / 2;
    if halves % 2 == 0 {
        whole.to_string()
    } else {
        let mark = if primary_language(lang) == "es" {
            ','
        } else {
            '.'
        };
        format!("{whole}{mark}5")
    }
}

/// The visit at a glance: a bar as long as the longest visit.
#[component]
pub fn VisitPicture() -> Html {
    let Some(guide) = use_guide() else {
        return Html::default();
    };
    let Some(Schedule {
        visit_minutes: visit,
        infusion_minutes: infusion,
        recovery_minutes: recovery,
        ..
    }) = guide.content.schedule
    else {
        return Html::default();
    };
    // Before the infusion: what the longest visit leaves besides the
    // infusion and the longest recovery.
    let before = visit.1.saturating_sub(infusion + recovery.1);
    let after_infusion = before + infusion;
    let width = visit.1.max(after_infusion + recovery.1);
    let number = |n: u16| n.to_string();
    let total = range(
        &guide,
        (hours(visit.0, &guide.lang), hours(visit.1, &guide.lang)),
    );
    let rest = range(&guide, (number(recovery.0), number(recovery.1)));
    let rect = |class: &'static str, x: u16, w: u16| {
        html! { <rect {class} x={x.to_string()} y="0" width={w.to_string()} height="10" /> }
    };
    html! {
        <figure class="ig-visit" data-testid="visit-picture">
            <figcaption class="ig-figure-caption">{ guide.word_with("visit_total", &[("range", &total)]) }</figcaption>
            <svg class="ig-visit-bar" viewBox={format!("0 0 {width} 10")} preserveAspectRatio="none" aria-hidden="true" focusable="false">
                if before > 0 {
                    { rect("ig-seg-before", 0, before) }
                }
                { rect("ig-seg-infusion", before, infusion) }
                { rect("ig-seg-recovery", after_infusion, recovery.0) }
                if recovery.1 > recovery.0 {
                    { rect("ig-seg-maybe", after_infusion + recovery.0, recovery.1 - recovery.0) }
                }
            </svg>
            <ol class="ig-visit-legend">
                <li><span class="ig-key ig-seg-before" aria-hidden="true"></span>{ guide.word("visit_before") }</li>
                <li><span class="ig-key ig-seg-infusion" aria-hidden="true"></span>{ guide.word_with("visit_infusion", &[("n", &number(infusion))]) }</li>
                <li><span class="ig-key ig-seg-recovery" aria-hidden="true"></span>{ guide.word_with("visit_recovery", &[("range", &rest)]) }</li>
                <li><span class="ig-key ig-key-home" aria-hidden="true"></span>{ guide.word("visit_home") }</li>
            </ol>
        </figure>
    }
}

/// A course: one dot per infusion, and how many weeks it takes.
#[component]
pub fn CoursePicture() -> Html {
    let Some(guide) = use_guide() else {
        return Html::default();
    };
    let Some(schedule) = guide.content.schedule else {
        return Html::default();
    };
    let count = u16::from(schedule.course_infusions);
    let (least, most) = schedule.course_weeks;
    let weeks = range(&guide, (least.to_string(), most.to_string()));
    let caption = guide.word_with(
        "course_caption",
        &[("n", &count.to_string()), ("range", &weeks)],
    );
    html! {
        <figure class="ig-course" data-testid="course-picture">
            <svg class="ig-course-dots" viewBox={format!("0 0 {} 12", count * 16)} aria-hidden="true" focusable="false">
                for i in 0..count {
                    <circle class="ig-dot" cx={(i * 16 + 6).to_string()} cy="6" r="5" />
                }
            </svg>
            <figcaption class="ig-figure-caption">{ caption }</figcaption>
        </figure>
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn hours_round_to_the_half_hour_with_the_languages_mark() {
        assert_eq!(hours(90, "en"), "1.5");
        assert_eq!(hours(120, "en"), "2");
        assert_eq!(hours(90, "es-MX"), "1,5");
        assert_eq!(hours(100, "en"), "1.5");
        assert_eq!(hours(110, "en"), "2");
    }
}
