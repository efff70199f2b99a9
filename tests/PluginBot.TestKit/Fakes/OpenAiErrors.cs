namespace PluginBot.TestKit.Fakes;

/// <summary>Errors as OpenAI (and LiteLLM, vLLM in OpenAI mode) answer them: <c>{"error":{message,type,param,code}}</c>.</summary>
public static class OpenAiErrors
{
    public static FakeError InvalidApiKey() =>
        new(401, "invalid_request_error", "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.", "invalid_api_key");

    public static FakeError ModelNotFound(string model) =>
        new(404, "invalid_request_error", $"The model `{model}` does not exist or you do not have access to it.", "model_not_found");

    public static FakeError RateLimit(int retryAfterSeconds) =>
        new(429, "requests", "Rate limit reached for requests. Please try again later.", "rate_limit_exceeded")
        {
            RetryAfterSeconds = retryAfterSeconds,
        };

    public static FakeError ServerError() =>
        new(500, "server_error", "The server had an error while processing your request. Sorry about that!");

    public static FakeError Overloaded() =>
        new(503, "server_error", "The engine is currently overloaded, please try again later.");

    public static FakeError InvalidRequest(string message, string? param = null) =>
        new(400, "invalid_request_error", message, null, param);
}
