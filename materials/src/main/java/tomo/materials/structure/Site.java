package tomo.materials.structure;

/**
 * One fully occupied atomic site.
 *
 * @param element the element on the site
 * @param fracA fractional coordinate along lattice vector a
 * @param fracB fractional coordinate along lattice vector b
 * @param fracC fractional coordinate along lattice vector c
 */
public record Site(Element element, double fracA, double fracB, double fracC) {}
