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

    @Message("Server {hostname} is ready")
    String server_ready_summary(String hostname);
}
