using Microsoft.Extensions.AI;
using PluginBot.Abstractions.Llm;

namespace PluginBot.Plugins.Models.Tests.Support;

/// <summary>
/// An endpoint whose client always throws and whose classifier throws too, as a provider plugin with a bug in its
/// error handling would: the router must still settle the attempt and fail with a clear error.
/// </summary>
public sealed class BrokenEndpoint : ILlmEndpoint
{
    public string Name => "broken";

    public string Kind => "test";

    public string? DefaultModel => "m";

    public bool IsLocal => false;

    public IChatClient CreateClient(string model) => new ThrowingClient();

    public Task<IReadOnlyList<string>> ListModelsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<string>>(["m"]);

    public Task<EndpointReadiness> CheckReadyAsync(CancellationToken cancellationToken) => Task.FromResult(new EndpointReadiness(true, "test"));

    public LlmFailure Classify(Exception exception) => throw new OverflowException("Value was either too large or too small for a TimeSpan.");

    private sealed class ThrowingClient : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("the SDK fell over");

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("the SDK fell over");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
