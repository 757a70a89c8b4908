package io.innkeeper.notify;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of notification mails and of the notifications list, in English; other languages in
 * {@code messages/notice_<lang>.properties}. Templates read them as {@code {notice:key(args)}}.
 */
@MessageBundle(value = "notice", locale = "en")
public interface NoticeMessages {

    @Message("Hello,")
    String greeting();

    @Message("This message is about the account \"{account}\".")
    String about_account(String account);

    @Message("Open the panel")
    String open_panel();

    @Message("You receive this because you are a member of \"{account}\". Choose which messages you get by mail: {link}")
    String footer_choose(String account, String link);

    @Message("Stop mails of this kind: {link}")
    String footer_unsubscribe(String link);

    @Message("This message is about your account's billing or security and cannot be switched off.")
    String footer_mandatory();

    @Message("Your server {hostname} is ready")
    String server_ready_subject(String hostname);

    @Message("Your server {hostname} is running.")
    String server_ready_intro(String hostname);

    @Message("Addresses")
    String addresses();

    @Message("Sign in with the SSH key you chose when you ordered, or with the root password you set. The panel never sends passwords by mail.")
    String server_ready_sign_in();

    @Message("Server")
    String server();

    // invoice_issued
    @Message("Invoice {number}: {total}")
    String invoice_issued_subject(String number, String total);

    @Message("Your invoice {number} for {period} is ready. The PDF is attached.")
    String invoice_issued_intro(String number, String period);

    @Message("Total")
    String total();

    @Message("Due on")
    String due_on();

    @Message("Invoice")
    String invoice();

    // payment_received
    @Message("Payment of {amount} received")
    String payment_received_subject(String amount);

    @Message("We received your payment of {amount}. Thank you.")
    String payment_received_intro(String amount);

    @Message("It was applied to invoice {number}.")
    String payment_received_applied(String number);

    @Message("It is kept as credit for your next invoice.")
    String payment_received_credit();

    @Message("Your invoices are now paid in full.")
    String payment_received_paid_in_full();

    @Message("Still outstanding: {amount}.")
    String payment_received_outstanding(String amount);

    // dunning_reminder
    @Message("Reminder: invoice {number} is overdue")
    String dunning_reminder_subject(String number);

    @Message("Invoice {number} was due on {due}, and {amount} of it is still unpaid.")
    String dunning_reminder_intro(String number, String due, String amount);

    @Message("If it stays unpaid, your account will be suspended on {date}: its servers will be powered off, and no server can be ordered or started until it is paid.")
    String dunning_reminder_suspend(String date);

    @Message("Pay the invoice")
    String pay_invoice();

    // suspended
    @Message("Your account is suspended")
    String suspended_subject();

    @Message("Your account is suspended because {amount} is overdue.")
    String suspended_non_payment(String amount);

    @Message("Your servers have been powered off, and while the account is suspended no server can be ordered or started. Your servers and data are kept.")
    String suspended_blocked();

    @Message("Pay the overdue invoices and the account is restored at once; then start your servers again.")
    String suspended_how_to_pay();

    @Message("If the invoices stay unpaid, the account will be terminated on {date} and its servers deleted.")
    String suspended_termination(String date);

    @Message("Your provider has suspended your account. Reason given: {reason}")
    String suspended_by_provider(String reason);

    @Message("Contact support to have it restored. Your servers and data are kept.")
    String suspended_contact();

    // termination_warning
    @Message("Your servers will be deleted on {date}")
    String termination_warning_subject(String date);

    @Message("Invoice {number} is still unpaid: {amount} is outstanding.")
    String termination_warning_intro(String number, String amount);

    @Message("Unless it is paid, your account will be terminated on {date}: all its servers and their data will be deleted. This cannot be undone.")
    String termination_warning_date(String date);

    // unsuspended
    @Message("Your account is active again")
    String unsuspended_subject();

    @Message("Your account is no longer suspended; you can order servers again.")
    String unsuspended_intro();

    @Message("Servers stay powered off after a suspension. Start them from the panel.")
    String unsuspended_start();
}
