package io.innkeeper.provisioning.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A server's automatic backups: how often, from which hour (UTC), and how the last one went (see V166). */
@Entity
@Table(name = "backup_schedule")
public class BackupSchedule extends PanacheEntityBase {

    /** How often. */
    public enum Every {
        DAILY(Duration.ofDays(1)),
        WEEKLY(Duration.ofDays(7));

        private final Duration period;

        Every(Duration period) {
            this.period = period;
        }

        public Duration period() {
            return period;
        }
    }

    /** The longest a missed backup's reason is kept. */
    public static final int REASON_MAX = 500;

    @Id
    @Column(name = "guest_id")
    public UUID guestId;

    @Enumerated(EnumType.STRING)
    public Every every;

    @Column(name = "hour_utc")
    public int hourUtc;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "last_taken_at")
    public Instant lastTakenAt;

    @Column(name = "last_missed_at")
    public Instant lastMissedAt;

    @Column(name = "missed_reason")
    public String missedReason;

    /**
     * Whether a backup is due at {@code now}: its hour has come and the last one is at least a period old, less
     * two hours' slack, so a backup that started late in yesterday's window does not skip today's.
     */
    public boolean dueAt(Instant now) {
        int hour = now.atZone(java.time.ZoneOffset.UTC).getHour();
        return hour == hourUtc && (lastTakenAt == null
                || !lastTakenAt.isAfter(now.minus(every.period()).plus(Duration.ofHours(2))));
    }

    /** Whether the last scheduled backup was missed (none taken since), so the owner is told why. */
    public boolean missed() {
        return lastMissedAt != null && (lastTakenAt == null || lastMissedAt.isAfter(lastTakenAt));
    }
}
