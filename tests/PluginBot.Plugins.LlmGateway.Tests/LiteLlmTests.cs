using Microsoft.Extensions.AI;
using PluginBot.Abstractions.Costs;
using PluginBot.Abstractions.Llm;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.LlmGateway.Tests;

public sealed class LiteLlmTests
{
    private static ChatOptions WithContext() => new()
    {
        MaxOutputTokens = 100,
        AdditionalProperties = new() { [LlmKeys.CallContext] = Endpoints.Context },
    };

    [Fact]
    public async Task The_call_context_is_sent_as_litellm_tags_and_never_in_the_request_body()
    {
        await using var fake = await Endpoints.StartOpenAiAsync();
        var client = Endpoints.OpenAi(fake.BaseAddress).CreateClient(Endpoints.Model);

        await client.GetResponseAsync("hi", WithContext());

        Assert.Equal("pluginbot,purpose:task,task:42,project:site,user:7", fake.LastCall.Header("x-litellm-tags"));
        var body = fake.LastCall.Body.GetRawText();
        Assert.DoesNotContain(LlmKeys.CallContext, body, StringComparison.Ordinal);
        Assert.DoesNotContain("site", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_streamed_call_is_tagged_too_and_its_body_has_no_context()
    {
        await using var fake = await Endpoints.StartOpenAiAsync();
        var client = Endpoints.OpenAi(fake.BaseAddress).CreateClient(Endpoints.Model);

        await client.GetStreamingResponseAsync("hi", WithContext()).ToListAsync();

        Assert.Equal("pluginbot,purpose:task,task:42,project:site,user:7", fake.LastCall.Header("x-litellm-tags"));
        Assert.DoesNotContain(LlmKeys.CallContext, fake.LastCall.Body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_callers_options_keep_their_context_after_the_call()
    {
        await using var fake = await Endpoints.StartOpenAiAsync();
        var client = Endpoints.OpenAi(fake.BaseAddress).CreateClient(Endpoints.Model);
        var options = WithContext();

        await client.GetResponseAsync("hi", options);

        Assert.Same(Endpoints.Context, options.AdditionalProperties![LlmKeys.CallContext]);
    }

    [Fact]
    public async Task A_call_without_context_sends_no_tags()
    {
        await using var fake = await Endpoints.StartOpenAiAsync();
        var client = Endpoints.OpenAi(fake.BaseAddress).CreateClient(Endpoints.Model);

        await client.GetResponseAsync("hi");

        Assert.Null(fake.LastCall.Header("x-litellm-tags"));
    }

    [Fact]
    public async Task The_response_cost_header_becomes_provider_cost_micros_on_a_non_streamed_call()
    {
        await using var fake = await Endpoints.StartOpenAiAsync();
        fake.Enqueue(new FakeReply { Cost = 0.0012345m });
        var client = Endpoints.OpenAi(fake.BaseAddress).CreateClient(Endpoints.Model);

        var response = await client.GetResponseAsync("hi", WithContext());

        Assert.Equal(1235, response.Usage!.AdditionalCounts![LlmKeys.ProviderCostMicros]);
        Assert.Equal(fake.DefaultReply.Usage.InputTokens, response.Usage.InputTokenCount);
    }

    [Fact]
    public async Task A_gateway_without_a_cost_header_reports_no_provider_cost()
    {
        await using var fake = await Endpoints.StartOpenAiAsync();
        var client = Endpoints.OpenAi(fake.BaseAddress).CreateClient(Endpoints.Model);

        var response = await client.GetResponseAsync("hi");

        Assert.False(response.Usage?.AdditionalCounts?.ContainsKey(LlmKeys.ProviderCostMicros) ?? false);
    }

    [Fact]
    public async Task A_streamed_call_carries_no_provider_cost()
    {
        await using var fake = await Endpoints.StartOpenAiAsync();
        fake.Enqueue(new FakeReply { Cost = 0.5m });
        var client = Endpoints.OpenAi(fake.BaseAddress).CreateClient(Endpoints.Model);

        var response = (await client.GetStreamingResponseAsync("hi").ToListAsync()).ToChatResponse();

        Assert.NotNull(response.Usage);
        Assert.False(response.Usage.AdditionalCounts?.ContainsKey(LlmKeys.ProviderCostMicros) ?? false);
    }

    [Theory]
    [InlineData("0.000001", 1L)]
    [InlineData("1.5", 1_500_000L)]
    [InlineData("2.5e-5", 25L)]
    [InlineData("not a price", null)]
    [InlineData("-1", null)]
    [InlineData("0.0000005", 1L)]
    [InlineData("0.00000049", 0L)]
    public void Prices_in_dollars_become_whole_micro_dollars(string header, long? micros) =>
        Assert.Equal(micros, LiteLlmPolicy.ParseCost(header)?.Micros);

    [Fact]
    public void An_absurd_price_saturates_instead_of_failing_the_call() =>
        Assert.Equal(Usd.MaxValue, LiteLlmPolicy.ParseCost("1e20"));

    [Fact]
    public void Tags_replace_commas_and_non_ascii_so_each_value_stays_one_tag()
    {
        var context = Endpoints.Context with { Project = "a,b café", TaskId = null, Actor = Abstractions.Actors.Actor.System("worker") };

        Assert.Equal("pluginbot,purpose:task,project:a_b_caf_,user:system", LiteLlmTags.From(context));
    }
}
