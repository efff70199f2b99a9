namespace PluginBot.TestKit.Fakes;

/// <summary>Errors as the Anthropic Messages API answers them: <c>{"type":"error","error":{type,message}}</c>.</summary>
public static class AnthropicErrors
{
    public static FakeError InvalidRequest(string message) => new(400, "invalid_request_error", message);

    public static FakeError Authentication() => new(401, "authentication_error", "invalid x-api-key");

    public static FakeError NotFound(string model) => new(404, "not_found_error", $"model: {model}");

    public static FakeError RateLimit(int retryAfterSeconds) =>
        new(429, "rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit.")
        {
            RetryAfterSeconds = retryAfterSeconds,
        };

    public static FakeError ApiError() => new(500, "api_error", "Internal server error");

    public static FakeError Overloaded() => new(529, "overloaded_error", "Overloaded");
}
