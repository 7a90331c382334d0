package no.arealbank.enquiries;

/** A checked enquiry: text trimmed, phone null when not given, language nn, nb, en or null. */
record ValidEnquiry(long plotId, String name, String email, String phone, String message, String language) {
}
