using PluginBot.Abstractions.Llm;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.LlmGateway.Tests;

/// <summary>A provider's Retry-After is read defensively: whatever it sends, a 429 stays a rate limit with a sane wait.</summary>
public sealed class RetryAfterTests
{
    public static TheoryData<string, string?, string?, int?> HostileHeaders => new()
    {
        { "openai", "Infinity", null, 86_400 },
        { "openai", "1e300", null, 86_400 },
        { "openai", null, "1e300", 86_400 },
        { "openai", "Fri, 31 Dec 9999 23:59:59 GMT", null, 86_400 },
        { "openai", "NaN", null, null },
        { "openai", "-5", null, null },
        { "openai", "in a while", null, null },
        { "openai", null, "-Infinity", 1 }, // the milliseconds are ignored, the seconds header (1) is read
        { "anthropic", "Infinity", null, 86_400 },
        { "anthropic", "1e300", null, 86_400 },
        { "anthropic", "NaN", null, null },
        { "anthropic", "Fri, 31 Dec 9999 23:59:59 GMT", null, 86_400 },
    };

    [Theory]
    [MemberData(nameof(HostileHeaders))]
    public async Task A_rate_limit_with_an_absurd_retry_after_is_still_a_rate_limit_with_at_most_a_days_wait(string kind, string? retryAfter, string? retryAfterMs, int? expectedSeconds)
    {
        ScriptedFakeServer fake = kind == "anthropic" ? new FakeAnthropicServer { ApiKey = Endpoints.Token } : new FakeOpenAiServer { ApiKey = Endpoints.Token };
        await using (fake)
        {
            await fake.StartAsync();
            var limit = kind == "anthropic" ? AnthropicErrors.RateLimit(1) : OpenAiErrors.RateLimit(1);
            fake.Enqueue(FakeReply.WithError(limit with { RetryAfterHeader = retryAfter, RetryAfterMsHeader = retryAfterMs }));
            ILlmEndpoint endpoint = kind == "anthropic" ? Endpoints.Anthropic(fake.BaseAddress) : Endpoints.OpenAi(fake.BaseAddress);

            var failure = await Failures.Of(endpoint, streamed: true);

            Assert.Equal(LlmFailureKind.RateLimited, failure.Kind);
            Assert.Equal(expectedSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null, failure.RetryAfter);
            Assert.Contains(expectedSeconds switch { null => "wait a moment", 1 => "wait 1 s", _ => "wait 24 h" }, failure.Message, StringComparison.Ordinal);
        }
    }
}
