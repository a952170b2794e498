import Foundation

/// Great-circle distance helpers shared by the geographic code.
///
/// Distances use the haversine formula on a sphere with the IUGG mean Earth radius
/// R1 = 6371.0088 km (Moritz, "Geodetic Reference System 1980", mean radius of the
/// ellipsoid). Over the distances this service deals with (< 1000 km) the spherical
/// model is within about 0.5% of the ellipsoidal (Vincenty) distance.
public enum GeoMath {
    /// Mean Earth radius in kilometres (IUGG R1).
    public static let earthRadiusKm: Double = 6371.0088
    /// Kilometres in one international mile.
    public static let kmPerMile: Double = 1.609344

    @inlinable
    static func radians(_ degrees: Double) -> Double { degrees * (Double.pi / 180) }

    /// Haversine great-circle distance in kilometres.
    @inlinable
    public static func haversineKm(
        latitude1: Double, longitude1: Double, latitude2: Double, longitude2: Double
    ) -> Double {
        let p1 = radians(latitude1), p2 = radians(latitude2)
        return haversineKm(
            radLat1: p1, cosLat1: cos(p1), radLon1: radians(longitude1),
            radLat2: p2, cosLat2: cos(p2), radLon2: radians(longitude2))
    }

    /// The same haversine computation on pre-computed radians and cosines (the index keeps these per
    /// point), so that the index and a plain scan produce bit-identical distances.
    @inlinable
    static func haversineKm(
        radLat1 p1: Double, cosLat1 c1: Double, radLon1 l1: Double,
        radLat2 p2: Double, cosLat2 c2: Double, radLon2 l2: Double
    ) -> Double {
        let s1 = sin((p2 - p1) / 2)
        let s2 = sin((l2 - l1) / 2)
        let a = s1 * s1 + c1 * c2 * (s2 * s2)
        return earthRadiusKm * (2 * asin(min(1, a.squareRoot())))
    }

    /// Converts kilometres to international miles.
    @inlinable
    public static func miles(fromKm km: Double) -> Double { km / kmPerMile }

    /// True when `latitude` is a finite number in -90...90.
    public static func isValidLatitude(_ latitude: Double) -> Bool {
        latitude.isFinite && latitude >= -90 && latitude <= 90
    }

    /// True when `longitude` is a finite number in -180...180.
    public static func isValidLongitude(_ longitude: Double) -> Bool {
        longitude.isFinite && longitude >= -180 && longitude <= 180
    }

    /// Unit vector on the sphere for a latitude/longitude in degrees.
    /// The straight-line (chord) distance between two unit vectors is a strictly increasing
    /// function of their great-circle distance, so nearest-neighbour ordering can be done in 3-D.
    @inlinable
    static func unitVector(latitude: Double, longitude: Double) -> (x: Double, y: Double, z: Double) {
        let p = radians(latitude)
        let l = radians(longitude)
        let cp = cos(p)
        return (cp * cos(l), cp * sin(l), sin(p))
    }

    /// Squared chord length on the unit sphere that corresponds to a great-circle distance.
    static func squaredChord(forKm km: Double) -> Double {
        let angle = min(km / earthRadiusKm, Double.pi)
        let chord = 2 * sin(angle / 2)
        return chord * chord
    }
}
