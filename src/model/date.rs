//! Dates as the programme writes them, DD/MM/YYYY, and as sheets store them, YYYY-MM-DD.

use chrono::NaiveDate;

/// The format the programme's sheet uses for dates, on input and on screen.
pub const DISPLAY_FORMAT: &str = "%d/%m/%Y";

/// The format sheets store dates in (TOML's, ISO 8601's), also read wherever a date is typed.
pub const ISO_FORMAT: &str = "%Y-%m-%d";

/// Why a piece of text is not a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid date '{0}': expected a real date as DD/MM/YYYY or YYYY-MM-DD, such as 25/11/2026")]
pub struct InvalidDate(pub String);

/// Reads a date as the programme writes it, DD/MM/YYYY, or as a sheet stores it, YYYY-MM-DD
/// (`--date 2026-12-01` copied from a sheet works), refusing dates that do not exist
/// (31/02/2026) and any other layout.
pub fn parse_dmy(text: &str) -> Result<NaiveDate, InvalidDate> {
    let trimmed = text.trim();
    let shaped = |separator: u8, at: [usize; 2], format: &str| {
        let well_formed = trimmed.len() == 10
            && trimmed.bytes().enumerate().all(|(i, b)| {
                if at.contains(&i) {
                    b == separator
                } else {
                    b.is_ascii_digit()
                }
            });
        well_formed
            .then(|| NaiveDate::parse_from_str(trimmed, format).ok())
            .flatten()
    };
    shaped(b'/', [2, 5], DISPLAY_FORMAT)
        .or_else(|| shaped(b'-', [4, 7], ISO_FORMAT))
        .ok_or_else(|| InvalidDate(text.to_string()))
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
    fn reads_the_iso_dates_sheets_store_too() {
        assert_eq!(parse_dmy("2026-12-01"), parse_dmy("01/12/2026"));
        assert_eq!(parse_dmy(" 2028-02-29 ").unwrap().to_string(), "2028-02-29");
        for text in [
            "2026-02-31",
            "2026-13-01",
            "2026-1-01",
            "26-12-01",
            "2026/12/01",
            "2026-12-01T10:00",
        ] {
            assert!(parse_dmy(text).is_err(), "{text:?}");
        }
    }

    #[test]
    fn refuses_dates_that_do_not_exist_or_are_not_dmy() {
        for text in [
            "31/02/2026",
            "29/02/2027",
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
