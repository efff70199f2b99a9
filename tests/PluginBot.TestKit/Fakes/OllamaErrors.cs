namespace PluginBot.TestKit.Fakes;

/// <summary>Errors as Ollama answers them: <c>{"error":"..."}</c> with the HTTP status.</summary>
public static class OllamaErrors
{
    public static FakeError ModelNotFound(string model) =>
        new(404, "not_found", $"model \"{model}\" not found, try pulling it first");

    public static FakeError ToolsNotSupported(string model) =>
        new(400, "bad_request", $"registry.ollama.ai/library/{model} does not support tools");

    public static FakeError ServerError(string message = "llama runner process has terminated: exit status 2") =>
        new(500, "server_error", message);
}
