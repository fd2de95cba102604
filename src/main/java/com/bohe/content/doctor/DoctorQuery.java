package com.bohe.content.doctor;

/** The filters of a doctor list; each is null when absent. References are ids or slugs. */
public record DoctorQuery(String q, String hospital, String department, String disease, String title) {

    static DoctorQuery hospital(long id) {
        return new DoctorQuery(null, Long.toString(id), null, null, null);
    }

    static DoctorQuery department(long id) {
        return new DoctorQuery(null, null, Long.toString(id), null, null);
    }

    static DoctorQuery disease(long id) {
        return new DoctorQuery(null, null, null, Long.toString(id), null);
    }
}
