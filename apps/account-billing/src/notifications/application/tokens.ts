/** Notifications, their e-mails and the notifier's accounts in `account-billing.db` (`NotificationStore`). */
export const NOTIFICATION_STORE = Symbol('NOTIFICATION_STORE');
/** The e-mail port (`Mailer`): nodemailer over SMTP_URL, or none. */
export const MAILER = Symbol('MAILER');
