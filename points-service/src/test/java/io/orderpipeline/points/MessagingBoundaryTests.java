package io.orderpipeline.points;

import io.orderpipeline.messaging.boundaries.ServiceBoundaries;
import org.junit.jupiter.api.Test;

class MessagingBoundaryTests {

    @Test
    void onlyTheMessagingPackageTouchesTheContractOrTheInbox() {
        ServiceBoundaries.check("io.orderpipeline.points");
    }
}
