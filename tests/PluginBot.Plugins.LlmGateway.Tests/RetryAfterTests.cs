using PluginBot.Abstractions.Llm;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.LlmGateway.Tests;

/// <summary>A provider's Retry-After is read defensively: whatever it sends, a 429 stays a rate limit with a sane wait.</summary>
public sealed class RetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

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

    [Fact]
    public async Task A_rate_limit_with_retry_after_ms_waits_that_many_milliseconds_rather_than_the_rounded_seconds()
    {
        await using var fake = await Endpoints.StartOpenAiAsync();
        fake.Enqueue(FakeReply.WithError(OpenAiErrors.RateLimit(2) with { RetryAfterMsHeader = "1250.5" }));

        var failure = await Failures.Of(Endpoints.OpenAi(fake.BaseAddress), streamed: false);

        Assert.Equal(LlmFailureKind.RateLimited, failure.Kind);
        Assert.Equal(TimeSpan.FromMilliseconds(1250.5), failure.RetryAfter);
        Assert.Contains("wait 2 s", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Retry_after_as_an_http_date_is_the_time_left_until_then()
    {
        var at = Now.AddSeconds(90).ToString("r", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(TimeSpan.FromSeconds(90), RetryAfterHeader.Parse(null, at, Now));
    }

    [Fact]
    public void Retry_after_as_a_date_already_past_means_no_wait()
    {
        var at = Now.AddMinutes(-5).ToString("r", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(TimeSpan.Zero, RetryAfterHeader.Parse(null, at, Now));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("-5", "-1")]
    [InlineData("soon", "tomorrow")]
    public void Headers_that_are_not_a_wait_give_none(string? milliseconds, string? retryAfter)
    {
        Assert.Null(RetryAfterHeader.Parse(milliseconds, retryAfter, Now));
    }

    [Fact]
    public void A_bad_retry_after_ms_falls_back_to_retry_after_in_seconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(7), RetryAfterHeader.Parse("n/a", "7", Now));
    }
}
