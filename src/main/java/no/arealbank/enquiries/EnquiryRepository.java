package no.arealbank.enquiries;

import org.springframework.data.jpa.repository.JpaRepository;

interface EnquiryRepository extends JpaRepository<Enquiry, Long> {
}
