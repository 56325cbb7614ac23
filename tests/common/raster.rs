//! SVG charts rendered to pixels for the tests, with rsvg-convert (Debian librsvg2-bin,
//! installed by .ci/install-ecosystem).

use std::io::Write as _;
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

/// An image as (width, height, RGB pixels, three bytes each).
pub type Image = (u32, u32, Vec<u8>);

/// Whether rsvg-convert can be run: when it cannot, a loud SKIPPING line once (as for a
/// missing PHP), and a failure under CI, where it must be there.
fn rsvg_convert() -> bool {
    static FOUND: OnceLock<bool> = OnceLock::new();
    *FOUND.get_or_init(|| {
        let found = Command::new("rsvg-convert")
            .arg("--version")
            .output()
            .is_ok_and(|out| out.status.success());
        let in_ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false");
        assert!(
            found || !in_ci,
            "rsvg-convert is not installed (Debian librsvg2-bin): run .ci/install-ecosystem"
        );
        if !found {
            // Straight to stderr: the test harness would hide an eprintln! of a passing test.
            let _ = writeln!(
                std::io::stderr(),
                "\n*** SKIPPING the chart rendering checks: `rsvg-convert` is not installed. Run \
                 .ci/install-ecosystem (Debian: librsvg2-bin) to run them. ***\n"
            );
        }
        found
    })
}

/// Renders an SVG to PNG with rsvg-convert and decodes it; `None` (after the SKIPPING line)
/// when rsvg-convert is not installed outside CI.
pub fn render_svg(svg: &Path) -> Option<Image> {
    if !rsvg_convert() {
        return None;
    }
    let png_path = svg.with_extension("png");
    let status = Command::new("rsvg-convert")
        .arg(svg)
        .arg("-o")
        .arg(&png_path)
        .status()
        .expect("run rsvg-convert");
    assert!(status.success(), "rsvg-convert failed on {}", svg.display());
    let file = std::io::BufReader::new(std::fs::File::open(&png_path).unwrap());
    let mut decoder = png::Decoder::new(file);
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let rgb = buf[..info.buffer_size()]
        .chunks(channels)
        .flat_map(|px| [px[0], px[1], px[2]])
        .collect();
    Some((info.width, info.height, rgb))
}
