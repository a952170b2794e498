import Foundation

/// British National Grid (OSGB36) eastings/northings → WGS84 latitude/longitude.
///
/// Source of every formula and constant: Ordnance Survey, "A guide to coordinate systems in
/// Great Britain" (v3.6, 2020; https://www.ordnancesurvey.co.uk/documents/resources/guide-coordinate-systems-great-britain.pdf):
/// 1. Annex C.2 (equations C6–C11 and the meridional arc C3): inverse Transverse Mercator on the
///    Airy 1830 ellipsoid with the National Grid projection constants (Annex A / Table A1):
///    F0 = 0.9996012717, true origin 49°N 2°W, false origin E0 = 400 000 m, N0 = −100 000 m.
/// 2. Annex B: geodetic → Cartesian on Airy 1830 (height 0), then a 7-parameter Helmert
///    transformation OSGB36 → WGS84 (section 6.6, Table 4 inverted: tx = +446.448 m, ty = −125.157 m,
///    tz = +542.060 m, rx = +0.1502″, ry = +0.2470″, rz = +0.8421″, s = −20.4894 ppm), then
///    Cartesian → geodetic on GRS80/WGS84 by the iterative method of Annex B.2 (B5–B8).
///
/// Accuracy: the Helmert transformation is documented by OS as good to about 5 m (typically
/// 2–3 m) anywhere in GB; OSTN15 (a grid file, not used here) would give ~0.1 m. This is the same
/// transformation PROJ/pyproj uses for EPSG:27700 → EPSG:4326 when the OSTN15 grid is not installed.
public enum OSGBTransform {
    // Airy 1830
    static let airyA = 6_377_563.396
    static let airyB = 6_356_256.909
    // GRS80 / WGS84
    static let wgsA = 6_378_137.000
    static let wgsB = 6_356_752.3141
    // National Grid projection
    static let f0 = 0.9996012717
    static let lat0 = 49.0 * Double.pi / 180
    static let lon0 = -2.0 * Double.pi / 180
    static let e0 = 400_000.0
    static let n0 = -100_000.0
    // Helmert OSGB36 → WGS84
    static let tx = 446.448, ty = -125.157, tz = 542.060
    static let arcsec = Double.pi / (180 * 3600)
    static let rx = 0.1502 * arcsec, ry = 0.2470 * arcsec, rz = 0.8421 * arcsec
    static let scale = -20.4894e-6

    /// WGS84 latitude/longitude (degrees) for British National Grid eastings/northings (metres).
    public static func wgs84(easting: Double, northing: Double) -> (latitude: Double, longitude: Double) {
        let osgb = osgb36LatLon(easting: easting, northing: northing)
        return helmertToWGS84(latitude: osgb.latitude, longitude: osgb.longitude)
    }

    /// OSGB36 (Airy 1830) latitude/longitude in radians. Annex C.2.
    static func osgb36LatLon(easting E: Double, northing N: Double) -> (latitude: Double, longitude: Double) {
        let a = airyA, b = airyB
        let e2 = 1 - (b * b) / (a * a)
        let n = (a - b) / (a + b)
        let n2 = n * n, n3 = n2 * n

        func meridionalArc(_ phi: Double) -> Double {  // C3
            let dp = phi - lat0, sp = phi + lat0
            let ma = (1 + n + 1.25 * n2 + 1.25 * n3) * dp
            let mb = (3 * n + 3 * n2 + 21.0 / 8 * n3) * sin(dp) * cos(sp)
            let mc = (15.0 / 8 * n2 + 15.0 / 8 * n3) * sin(2 * dp) * cos(2 * sp)
            let md = 35.0 / 24 * n3 * sin(3 * dp) * cos(3 * sp)
            return b * f0 * (ma - mb + mc - md)
        }

        var phi = (N - n0) / (a * f0) + lat0  // C6
        var m = meridionalArc(phi)
        var iterations = 0
        while abs(N - n0 - m) >= 0.00001, iterations < 20 {  // until the residual is < 0.01 mm
            phi += (N - n0 - m) / (a * f0)
            m = meridionalArc(phi)
            iterations += 1
        }

        let sinPhi = sin(phi), cosPhi = cos(phi), tanPhi = tan(phi)
        let nu = a * f0 / (1 - e2 * sinPhi * sinPhi).squareRoot()
        let rho = a * f0 * (1 - e2) / pow(1 - e2 * sinPhi * sinPhi, 1.5)
        let eta2 = nu / rho - 1
        let t2 = tanPhi * tanPhi, t4 = t2 * t2, t6 = t4 * t2
        let secPhi = 1 / cosPhi
        let nu3 = nu * nu * nu, nu5 = nu3 * nu * nu, nu7 = nu5 * nu * nu

        let vii = tanPhi / (2 * rho * nu)
        let viii = tanPhi / (24 * rho * nu3) * (5 + 3 * t2 + eta2 - 9 * t2 * eta2)
        let ix = tanPhi / (720 * rho * nu5) * (61 + 90 * t2 + 45 * t4)
        let x = secPhi / nu
        let xi = secPhi / (6 * nu3) * (nu / rho + 2 * t2)
        let xii = secPhi / (120 * nu5) * (5 + 28 * t2 + 24 * t4)
        let xiia = secPhi / (5040 * nu7) * (61 + 662 * t2 + 1320 * t4 + 720 * t6)

        let dE = E - e0
        let dE2 = dE * dE, dE3 = dE2 * dE, dE4 = dE3 * dE, dE5 = dE4 * dE, dE6 = dE5 * dE, dE7 = dE6 * dE
        let lat = phi - vii * dE2 + viii * dE4 - ix * dE6  // C10
        let lon = lon0 + x * dE - xi * dE3 + xii * dE5 - xiia * dE7  // C11
        return (lat, lon)
    }

    /// OSGB36 (radians) → WGS84 (degrees) through Cartesian coordinates and the Helmert transform.
    static func helmertToWGS84(latitude phi: Double, longitude lambda: Double) -> (latitude: Double, longitude: Double)
    {
        // B1–B4 on Airy 1830, h = 0
        let a = airyA, b = airyB
        let e2 = 1 - (b * b) / (a * a)
        let sinPhi = sin(phi), cosPhi = cos(phi)
        let nu = a / (1 - e2 * sinPhi * sinPhi).squareRoot()
        let x1 = nu * cosPhi * cos(lambda)
        let y1 = nu * cosPhi * sin(lambda)
        let z1 = (1 - e2) * nu * sinPhi

        // Helmert (position-vector rotation convention, as in the OS guide, equation 6.3)
        let s1 = 1 + scale
        let x2 = tx + s1 * x1 - rz * y1 + ry * z1
        let y2 = ty + rz * x1 + s1 * y1 - rx * z1
        let z2 = tz - ry * x1 + rx * y1 + s1 * z1

        // B5–B8 on GRS80
        let a2 = wgsA, b2 = wgsB
        let e2w = 1 - (b2 * b2) / (a2 * a2)
        let p = (x2 * x2 + y2 * y2).squareRoot()
        var lat = atan2(z2, p * (1 - e2w))
        for _ in 0..<10 {
            let s = sin(lat)
            let nuW = a2 / (1 - e2w * s * s).squareRoot()
            let next = atan2(z2 + e2w * nuW * s, p)
            if abs(next - lat) < 1e-13 { lat = next; break }
            lat = next
        }
        let lon = atan2(y2, x2)
        return (lat * 180 / Double.pi, lon * 180 / Double.pi)
    }
}
