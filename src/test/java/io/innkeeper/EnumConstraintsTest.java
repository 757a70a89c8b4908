package io.innkeeper;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Check constraints that list an enum's names are a copy of a Java rule in SQL: each is tested against its enum, so
 * a kind added in Java without its migration (or the other way round) fails here, not on the first insert.
 */
@QuarkusTest
class EnumConstraintsTest {

    private static final Pattern QUOTED = Pattern.compile("'([A-Z_]+)'");

    @Inject
    EntityManager em;

    @ParameterizedTest
    @CsvSource({
            "job, job_kind_check, io.innkeeper.provisioning.job.JobKind",
            "invoice, invoice_tax_treatment_check, io.innkeeper.billing.tax.TaxTreatment",
            "reseller_invoice, reseller_invoice_tax_treatment_check, io.innkeeper.billing.tax.TaxTreatment",
            "reseller_invoice_line, reseller_invoice_line_kind_check, io.innkeeper.billing.rating.LineKind",
            "ledger_entry, ledger_entry_kind_check, io.innkeeper.billing.ledger.EntryKind",
            "card_auto_charge, card_auto_charge_state_check, io.innkeeper.billing.card.AutoChargeState",
            "mail_letter, mail_letter_state_check, io.innkeeper.mail.LetterState" })
    @Transactional
    void constraintListsExactlyTheEnumsNames(String table, String constraint, String enumClass) throws Exception {
        String definition = (String) em.createNativeQuery("""
                select pg_get_constraintdef(c.oid) from pg_constraint c join pg_class t on t.oid = c.conrelid
                where t.relname = :table and c.conname = :constraint
                """).setParameter("table", table).setParameter("constraint", constraint).getSingleResult();
        Set<String> inSql = new TreeSet<>();
        Matcher m = QUOTED.matcher(definition);
        while (m.find()) {
            inSql.add(m.group(1));
        }
        Set<String> inJava = Arrays.stream(Class.forName(enumClass).getEnumConstants()).map(e -> ((Enum<?>) e).name())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(inSql).as(constraint).isEqualTo(inJava);
    }
}
