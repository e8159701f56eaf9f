package com.example.orders.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * The {@link Context} of one invocation by the {@link EventSourcePoller}: a fresh request id, the function's
 * name, memory and timeout, the time left until that timeout. Powertools puts these in every log line. The
 * timeout is not enforced: an invocation that outlasts it runs on.
 */
public final class LambdaContextStandIn implements Context {
    /** What the context tells about the function: the same for every invocation. */
    public record Function(String name, int memoryMb, Duration timeout) {
        /** The function's ARN, in the local region and a placeholder account. */
        String arn() {
            return "arn:aws:lambda:" + LocalSqs.REGION + ":000000000000:function:" + name;
        }
    }

    private final Function function;
    private final String requestId = UUID.randomUUID().toString();
    private final long deadlineNanos;

    LambdaContextStandIn(Function function) {
        this.function = function;
        this.deadlineNanos = System.nanoTime() + function.timeout().toNanos();
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + function.name();
    }

    @Override
    public String getLogStreamName() {
        return "local";
    }

    @Override
    public String getFunctionName() {
        return function.name();
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return function.arn();
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, Duration.ofNanos(deadlineNanos - System.nanoTime()).toMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return function.memoryMb();
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                System.out.println(message);
            }

            @Override
            public void log(byte[] message) {
                log(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}
