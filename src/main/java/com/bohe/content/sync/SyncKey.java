package com.bohe.content.sync;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;

import com.bohe.content.department.Department;

/** The key that signs sync tokens: drawn once by the database (V15), so every instance signs alike. */
@ApplicationScoped
class SyncKey {

    private volatile byte[] key;

    byte[] get() {
        byte[] k = key;
        if (k == null) {
            k = QuarkusTransaction.requiringNew().call(() -> (byte[]) Panache.getEntityManager(Department.class)
                    .createNativeQuery("SELECT key FROM sync_key").getSingleResult());
            key = k;
        }
        return k;
    }
}
