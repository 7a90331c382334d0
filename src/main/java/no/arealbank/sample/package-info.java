/**
 * The illustrative sample region (Vest-Telemark and Sogn) from {@code geodata/}: places, næringshagar, plans,
 * zones, hazard zones and plots, loaded into an empty database at start when {@code arealbank.sample.enabled}
 * is set, plus demo planners. Plots go through the plots module's own validation, like any client's.
 */
package no.arealbank.sample;
