package io.orderpipeline.order;

import io.orderpipeline.messaging.boundaries.ServiceBoundaries;
import org.junit.jupiter.api.Test;

class MessagingBoundaryTests {

    @Test
    void onlyTheMessagingPackageTouchesTheContractOrTheInbox() {
        ServiceBoundaries.check("io.orderpipeline.order");
    }
}
