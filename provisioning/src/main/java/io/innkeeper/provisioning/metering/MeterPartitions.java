package io.innkeeper.provisioning.metering;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

import io.innkeeper.kernel.Batches;

/**
 * The use case that keeps {@code meter_sample} bounded: makes the daily partitions ahead of time and drops those
 * whose samples are rolled up and past their retention ({@link SampleDays}). Each step is one transaction holding
 * one advisory lock, so replicas running it at once take turns and the second finds the work done.
 */
@ApplicationScoped
public class MeterPartitions {

    private static final long LOCK = 0x3e7e_0001L;

    /** What one run did. */
    public record Outcome(List<String> created, List<String> dropped, long movedFromDefault,
            long deletedFromDefault) {
    }

    @Inject
    EntityManager em;

    /**
     * Makes sure the partitions of {@code today} and the {@code daysAhead} days after it exist ({@link #prepare}),
     * then drops the days' partitions that may go ({@link #dropRolledUp}).
     */
    public Outcome maintain(Instant now, int daysAhead, Optional<Instant> rolledUpTo, Instant keepFrom,
            int batchSize) {
        Outcome made = prepare(SampleDays.dayOf(now), daysAhead + 1);
        Outcome gone = dropRolledUp(rolledUpTo, keepFrom, batchSize);
        return new Outcome(made.created(), gone.dropped(), made.movedFromDefault(), gone.deletedFromDefault());
    }

    /**
     * Makes the partitions of {@code days} days from {@code first} that are missing, each taking over the samples
     * of its day that the default partition held.
     */
    public Outcome prepare(LocalDate first, int days) {
        List<String> created = new ArrayList<>();
        int moved = 0;
        for (int i = 0; i < days; i++) {
            LocalDate day = first.plusDays(i);
            int m = QuarkusTransaction.requiringNew().call(() -> create(day));
            if (m >= 0) {
                created.add(SampleDays.partition(day));
                moved += m;
            }
        }
        return new Outcome(created, List.of(), moved, 0);
    }

    /**
     * Drops every day's partition that {@link SampleDays#droppable} allows, and deletes from the default partition,
     * in batches, the samples that would have gone with their day.
     */
    public Outcome dropRolledUp(Optional<Instant> rolledUpTo, Instant keepFrom, int batchSize) {
        List<String> dropped = new ArrayList<>();
        for (String partition : QuarkusTransaction.requiringNew().call(this::partitions)) {
            Optional<LocalDate> day = SampleDays.day(partition);
            if (day.isPresent() && SampleDays.droppable(day.get(), rolledUpTo, keepFrom)
                    && QuarkusTransaction.requiringNew().call(() -> drop(partition))) {
                dropped.add(partition);
            }
        }
        long deleted = 0;
        if (rolledUpTo.isPresent()) {
            Instant upTo = rolledUpTo.get().isBefore(keepFrom) ? rolledUpTo.get() : keepFrom;
            deleted = Batches.untilShort(batchSize,
                    () -> QuarkusTransaction.requiringNew().call(() -> deleteFromDefault(upTo, batchSize)));
        }
        return new Outcome(List.of(), dropped, 0, deleted);
    }

    /** The names of the table's partitions, the default one too, in name order. */
    public List<String> partitions() {
        List<String> names = em.createNativeQuery("""
                select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
                where i.inhparent = 'meter_sample'::regclass order by c.relname
                """, String.class).getResultList();
        return names;
    }

    /**
     * Makes a day's partition if it is missing; answers -1 if it was there, else how many samples it took over
     * from the default partition (samples of that day stored while it had no partition of its own).
     */
    private int create(LocalDate day) {
        lock();
        String name = SampleDays.partition(day);
        if (exists(name)) {
            return -1;
        }
        String from = SampleDays.start(day).toString();
        String to = SampleDays.end(day).toString();
        boolean stray = !em.createNativeQuery("select 1 from meter_sample_default where taken_at >= cast(:from as "
                + "timestamptz) and taken_at < cast(:to as timestamptz) limit 1")
                .setParameter("from", from).setParameter("to", to).getResultList().isEmpty();
        if (!stray) {
            em.createNativeQuery("create table " + name + " partition of meter_sample for values from ('" + from
                    + "') to ('" + to + "')").executeUpdate();
            return 0;
        }
        // A new partition may not cover rows the default partition holds: move them first, then attach, with the
        // default partition locked so no sample of the day slips in between.
        em.createNativeQuery("lock table meter_sample_default in access exclusive mode").executeUpdate();
        em.createNativeQuery("create table " + name + " (like meter_sample including defaults including constraints)")
                .executeUpdate();
        int moved = em.createNativeQuery("with moved as (delete from meter_sample_default where taken_at >= cast(:from"
                + " as timestamptz) and taken_at < cast(:to as timestamptz) returning *) insert into " + name
                + " select * from moved")
                .setParameter("from", from).setParameter("to", to).executeUpdate();
        em.createNativeQuery("alter table meter_sample attach partition " + name + " for values from ('" + from
                + "') to ('" + to + "')").executeUpdate();
        return moved;
    }

    private boolean drop(String partition) {
        lock();
        if (!exists(partition)) {
            return false;
        }
        em.createNativeQuery("drop table " + partition).executeUpdate();
        return true;
    }

    private int deleteFromDefault(Instant before, int batchSize) {
        return em.createNativeQuery("""
                delete from meter_sample_default where ctid = any (array(
                    select ctid from meter_sample_default where taken_at < :before limit :n for update skip locked))
                """).setParameter("before", before).setParameter("n", batchSize).executeUpdate();
    }

    private boolean exists(String name) {
        return !em.createNativeQuery("select 1 from pg_class where relname = :name and relnamespace = "
                + "current_schema()::regnamespace").setParameter("name", name).getResultList().isEmpty();
    }

    private void lock() {
        em.createNativeQuery("select pg_advisory_xact_lock(:lock)").setParameter("lock", LOCK).getSingleResult();
    }
}
