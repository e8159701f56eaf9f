package dev.sluice.answers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EndpointPathsTest {
    @ParameterizedTest
    @CsvSource({"/orders, Orders, orders", "/orders/{orderId}/events, OrdersEvents, ordersevents", "/v1/payments, V1Payments, v1payments",
            "/shipping-labels, ShippingLabels, shippinglabels", "/{id}, Root, root", "/2fa/codes, Root2faCodes, root2facodes",
            "/class, Class, classendpoint"})
    void anEndpointIsNamedByItsWordsAndItsPackageKeepsClearOfKeywords(String path, String name, String packageSegment) {
        assertEquals(name, EndpointPaths.name(path));
        assertEquals(packageSegment, EndpointPaths.packageSegment(path));
    }

    @Test
    void parametersInOrder() {
        assertEquals(List.of("orderId", "lineNo"), EndpointPaths.parameters("/orders/{orderId}/lines/{lineNo}"));
        assertEquals(List.of(), EndpointPaths.parameters("/orders"));
    }

    @Test
    void twoPathsThatDifferOnlyInParameterNamesHaveOneShape() {
        assertEquals(EndpointPaths.shape("/orders/{id}/events"), EndpointPaths.shape("/orders/{orderId}/events"));
        assertFalse(EndpointPaths.shape("/orders/{id}").equals(EndpointPaths.shape("/orders/id")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/orders", "/orders/{orderId}/events", "/{id}", "/v1/a_b-c"})
    void aPathOfSegmentsAndParametersIsValid(String path) {
        assertTrue(EndpointPaths.PATH.matcher(path).matches());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/orders/{}", "/orders/{Order}", "/orders/{order-id}", "/orders/{proxy+}", "/orders/", "orders", "/Orders"})
    void otherPathsAreNot(String path) {
        assertFalse(EndpointPaths.PATH.matcher(path).matches());
    }
}
