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

    @Message("Your server {hostname} could not be created")
    String server_failed_subject(String hostname);

    @Message("We could not create your server {hostname}. The server does not run and holds no data.")
    String server_failed_intro(String hostname);

    @Message("What you can do: delete the failed server in the panel and order it again, perhaps in another region. If it fails again, contact support and name the server.")
    String server_failed_next();

    @Message("{#when kind}{#is 'REBOOT'}Reboot{#is 'DELETE'}Deletion{#is 'START'}Start{#is 'STOP'}Shutdown{#is 'POWER_OFF'}Power-off{#is 'RESIZE'}Resize{#is 'REINSTALL'}Reinstall{#is 'SNAPSHOT_CREATE'}Snapshot{#is 'SNAPSHOT_REVERT'}Revert to a snapshot{#is 'SNAPSHOT_DELETE'}Snapshot deletion{#is 'MIGRATE'}Move to another host{#else}An action{/when}")
    String job_action(String kind);

    @Message("{action} of your server {hostname} failed")
    String job_failed_subject(String action, String hostname);

    @Message("{action} of your server {hostname} failed and was not retried further.")
    String job_failed_intro(String action, String hostname);

    @Message("This needs your action: try again from the server's page, or contact support if it fails again and name the server.")
    String job_failed_next();

    @Message("Your server {hostname} was resized")
    String server_resized_subject(String hostname);

    @Message("Your server {hostname} now runs on the plan {plan}: {vcpus} vCPU, {memoryMib} MiB memory, {diskGib} GiB disk.")
    String server_resized_intro(String hostname, String plan, Object vcpus, Object memoryMib, Object diskGib);

    @Message("Your server {hostname} was reinstalled")
    String server_reinstalled_subject(String hostname);

    @Message("Your server {hostname} was installed afresh with {template}. Everything that was on its disk before is gone.")
    String server_reinstalled_intro(String hostname, String template);

    @Message("A new API token \"{name}\" was created")
    String token_created_subject(String name);

    @Message("{by} created the API token \"{name}\" for this account.")
    String token_created_intro(String by, String name);

    @Message("{#when scope}{#is 'READ'}read only{#is 'WRITE'}read and write{#else}{scope}{/when}")
    String token_scope(String scope);

    @Message("Access")
    String token_scope_label();

    @Message("Expires")
    String token_expires_label();

    @Message("If you do not know of this token, revoke it in the panel under API tokens at once and change your password.")
    String token_created_check();

    @Message("The rule for one-time codes was changed")
    String two_factor_changed_subject();

    @Message("{#if required}{by} made a one-time code required: every member must sign in with a password and a one-time code.{#else}{by} made one-time codes optional: each member chooses whether to use one.{/if}")
    String two_factor_changed_intro(String by, boolean required);

    @Message("If you did not expect this change, check the account's team and security settings in the panel.")
    String two_factor_changed_check();

    @Message("A new sign-in to your login from {address}")
    String new_sign_in_subject(String address);

    @Message("Your login {login} signed in from the address {address}, which it never signed in from before, on {at}.")
    String new_sign_in_intro(String login, String address, String at);

    @Message("If this was you, there is nothing to do. If not, change your password at once, set up a one-time code and tell your provider's support.")
    String new_sign_in_check();

    @Message("{#when dimension}{#is 'servers'}server{#is 'vcpus'}vCPU{#is 'memory'}memory{#is 'disk'}disk{#is 'ipv4'}IPv4 address{#is 'snapshots'}snapshot{#else}{dimension}{/when}")
    String quota_dimension(String dimension);

    @Message("{#when dimension}{#is 'memory'}{amount} MiB{#is 'disk'}{amount} GiB{#else}{amount}{/when}")
    String quota_amount(String dimension, Object amount);

    @Message("{#if full}Your account has reached its {what} quota{#else}Your account uses {percent} % of its {what} quota{/if}")
    String quota_threshold_subject(boolean full, Object percent, String what);

    @Message("The account \"{account}\" now uses {used} of {limit} ({percent} %) of its {what} quota.")
    String quota_threshold_intro(String account, String used, String limit, String what, Object percent);

    @Message("{#if full}New orders and larger plans that need more of it are refused until you free some or your provider raises the quota.{#else}When it is used up, new orders and larger plans that need more of it are refused. Free some, or ask your provider for a larger quota.{/if}")
    String quota_threshold_next(boolean full);

    @Message("{#if full}Your servers have used up this month's traffic allowance{#else}Your servers have sent {percent} % of this month's traffic allowance{/if}")
    String traffic_threshold_subject(boolean full, Object percent);

    @Message("In {period} the servers of \"{account}\" have sent {sent} GB so far; the month's pooled allowance is {allowance} GB ({percent} % used).")
    String traffic_threshold_intro(String period, String account, String sent, String allowance, Object percent);

    @Message("{#if full}Every further GB sent this month is billed at the overage price.{#else}Once the allowance is used up, every further GB sent this month is billed at the overage price.{/if}")
    String traffic_threshold_next(boolean full);
    @Message("Server {hostname} is ready")
    String server_ready_summary(String hostname);

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

    // bank transfer reference on invoice mails
    @Message("Payment reference for a bank transfer")
    String payment_reference();
}
