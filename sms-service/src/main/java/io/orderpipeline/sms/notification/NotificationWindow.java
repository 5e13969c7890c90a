package io.orderpipeline.sms.notification;

import java.util.List;

/**
 * The notifications handled in a time window, oldest first, at most {@link Notifier#MAX_WINDOW}.
 *
 * @param notifications the notifications, by {@code at}, then order id, then type
 * @param truncated     whether the window holds more than were returned: the next ones start at the last one's
 *                      {@code at}
 */
public record NotificationWindow(List<SentNotification> notifications, boolean truncated) {

    public NotificationWindow {
        notifications = List.copyOf(notifications);
    }
}
