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
        let p1 = radians(latitude1)
        let p2 = radians(latitude2)
        let dp = p2 - p1
        let dl = radians(longitude2 - longitude1)
        let s1 = sin(dp / 2)
        let s2 = sin(dl / 2)
        let a = s1 * s1 + cos(p1) * cos(p2) * s2 * s2
        let c = 2 * asin(min(1, a.squareRoot()))
        return earthRadiusKm * c
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
