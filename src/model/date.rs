//! Dates as the programme writes them: DD/MM/YYYY.

use chrono::NaiveDate;

/// The format the programme's sheet uses for dates, on input and on screen.
pub const DISPLAY_FORMAT: &str = "%d/%m/%Y";

/// Why a piece of text is not a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid date '{0}': expected a real date as DD/MM/YYYY, such as 25/11/2026")]
pub struct InvalidDate(pub String);

/// Reads a DD/MM/YYYY date, refusing dates that do not exist (31/02/2026).
pub fn parse_dmy(text: &str) -> Result<NaiveDate, InvalidDate> {
    let trimmed = text.trim();
    let well_formed = trimmed.len() == 10
        && trimmed.bytes().enumerate().all(|(i, b)| {
            if i == 2 || i == 5 {
                b == b'/'
            } else {
                b.is_ascii_digit()
            }
        });
    if !well_formed {
        return Err(InvalidDate(text.to_string()));
    }
    NaiveDate::parse_from_str(trimmed, DISPLAY_FORMAT).map_err(|_| InvalidDate(text.to_string()))
}

/// Writes a date as DD/MM/YYYY.
pub fn format_dmy(date: NaiveDate) -> String {
    date.format(DISPLAY_FORMAT).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_day_month_year() {
        let date = parse_dmy("25/11/2026").unwrap();
        assert_eq!(date, NaiveDate::from_ymd_opt(2026, 11, 25).unwrap());
        assert_eq!(format_dmy(date), "25/11/2026");
        assert_eq!(parse_dmy("29/02/2028").unwrap().to_string(), "2028-02-29");
    }

    #[test]
    fn refuses_dates_that_do_not_exist_or_are_not_dmy() {
        for text in [
            "31/02/2026",
            "29/02/2027",
            "2026-11-25",
            "11/25/2026",
            "1/2/2026",
            "25/11/26",
            "",
            "today",
            "25/11/2026x",
        ] {
            assert!(parse_dmy(text).is_err(), "{text:?}");
        }
    }
}
