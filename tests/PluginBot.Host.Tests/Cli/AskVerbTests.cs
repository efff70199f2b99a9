using System.Text.Json;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Host.Tests.Cli;

/// <summary>
/// <c>pluginbot ask</c> and <c>pluginbot models</c> with the real provider plugins against protocol fakes of
/// each provider: the same router, gate and pipeline the bot uses.
/// </summary>
public sealed class AskVerbTests : IAsyncLifetime, IDisposable
{
    private const string GatewayToken = "sk-cli-gateway-456";
    private readonly CliSandbox _cli = new();
    private readonly FakeOpenAiServer _gateway = new() { ApiKey = GatewayToken, Models = ["gpt-test", "gpt-big"] };
    private readonly FakeOllamaServer _ollama = new() { Models = ["llama3.2"] };
    private readonly FakeAnthropicServer _anthropic = new() { ApiKey = "sk-ant-789" };

    public async Task InitializeAsync()
    {
        await _gateway.StartAsync();
        await _ollama.StartAsync();
        await _anthropic.StartAsync();
        _cli.Settings["Plugins:Path"] = Path.Combine(AppContext.BaseDirectory, "plugins");
        _cli.Settings["Plugins:LlmGateway:Url"] = new Uri(_gateway.BaseAddress, "/v1").ToString();
        _cli.Settings["Plugins:LlmGateway:Token"] = GatewayToken;
        _cli.Settings["Plugins:LlmGateway:DefaultModel"] = "gpt-test";
        _cli.Settings["Plugins:LlmGateway:Endpoints:claude:Kind"] = "anthropic";
        _cli.Settings["Plugins:LlmGateway:Endpoints:claude:Url"] = _anthropic.BaseAddress.ToString();
        _cli.Settings["Plugins:LlmGateway:Endpoints:claude:Token"] = "sk-ant-789";
        _cli.Settings["Plugins:Ollama:Url"] = _ollama.BaseAddress.ToString();
        _cli.Settings["Plugins:Ollama:DefaultModel"] = "llama3.2";
        _cli.Settings["Models:Provider"] = "gateway";
        _cli.Settings["Models:Aliases:big"] = "gateway:gpt-big";
        _cli.Settings["Models:Retry:BaseDelayMs"] = "5";
        _cli.Settings["Kernel:AllowedUsers"] = "42";
    }

    [Fact]
    public async Task Ask_streams_the_answer_and_ends_with_endpoint_model_tokens_cost_and_latency()
    {
        _gateway.Enqueue(FakeReply.WithText("Deploys are green.", chunks: 3) with { Usage = new FakeUsage(21, 5) });

        var result = await _cli.RunAsync("ask", "How are the deploys?");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.TrimEnd().Split('\n');
        Assert.Equal("Deploys are green.", lines[0]);
        Assert.Matches(@"^— gateway · gpt-test · 21 in / 5 out · - · \d+\.\d s$", lines[^1]);
        Assert.Equal("How are the deploys?", _gateway.LastCall.Messages.EnumerateArray().Last().GetProperty("content").GetString());
    }

    [Fact]
    public async Task Ask_sends_the_system_prompt_and_the_chosen_alias()
    {
        var result = await _cli.RunAsync("ask", "hi", "--model", "big", "--system", "Be brief.");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("gpt-big", _gateway.LastCall.Model);
        Assert.Equal("system", _gateway.LastCall.Messages.EnumerateArray().First().GetProperty("role").GetString());
    }

    [Fact]
    public async Task Ask_with_json_prints_one_object_with_usage()
    {
        _gateway.Enqueue(FakeReply.WithText("{\"ok\": true}") with { Usage = new FakeUsage(10, 4, CachedInputTokens: 6, ReasoningTokens: 2) });
        var result = await _cli.RunAsync("ask", "status?", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal("gateway", json.RootElement.GetProperty("endpoint").GetString());
        Assert.Equal("{\"ok\": true}", json.RootElement.GetProperty("text").GetString());
        Assert.Equal(10, json.RootElement.GetProperty("inputTokens").GetInt64());
        Assert.Equal(6, json.RootElement.GetProperty("cachedInputTokens").GetInt64());
        Assert.Equal(2, json.RootElement.GetProperty("reasoningTokens").GetInt64());
    }

    [Theory]
    [InlineData("gateway", "gateway · gpt-test")]
    [InlineData("ollama", "ollama · llama3.2")]
    public async Task Switching_LLM_PROVIDER_needs_no_code_change(string provider, string expected)
    {
        _cli.Settings["Models:Provider"] = provider;
        var result = await _cli.RunAsync("ask", "hello");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains(expected, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_reaches_claude_through_the_anthropic_endpoint()
    {
        _anthropic.Enqueue(FakeReply.WithText("Bonjour.", chunks: 2) with { Usage = new FakeUsage(9, 3) });
        var result = await _cli.RunAsync("ask", "Say hello in French", "--model", "claude:claude-sonnet-test");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Bonjour.", result.Output, StringComparison.Ordinal);
        Assert.Contains("claude · claude-sonnet-test · 9 in / 3 out", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejected_token_fails_with_one_sentence_and_no_secret()
    {
        _gateway.Enqueue(FakeReply.WithError(OpenAiErrors.InvalidApiKey()));
        var result = await _cli.RunAsync("ask", "hi");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("LLM_GATEWAY_TOKEN", line, StringComparison.Ordinal);
        Assert.DoesNotContain(GatewayToken, result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ollama_model_that_is_not_pulled_says_how_to_pull_it()
    {
        var result = await _cli.RunAsync("ask", "hi", "--model", "ollama:qwen2.5:7b");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("ollama pull qwen2.5:7b", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_endpoint_and_a_user_not_allowed_are_refused_clearly()
    {
        var unknown = await _cli.RunAsync("ask", "hi", "--model", "nowhere:x");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("Unknown endpoint 'nowhere'", unknown.Error, StringComparison.Ordinal);

        var stranger = await _cli.RunAsync("ask", "hi", "--as", "7");
        Assert.Equal(2, stranger.ExitCode);
        Assert.Contains("User 7 is not on the allow-list", stranger.Error, StringComparison.Ordinal);

        var allowed = await _cli.RunAsync("ask", "hi", "--as", "42");
        Assert.Equal(0, allowed.ExitCode);
        Assert.Contains("user:42", _gateway.LastCall.Header("x-litellm-tags"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_prompt_is_refused_with_what_to_write()
    {
        var result = await _cli.RunAsync("ask", "  ");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Prompt: is empty", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_lists_each_endpoints_models_with_aliases_and_availability()
    {
        var result = await _cli.RunAsync("models");
        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.StartsWith("gateway:gpt-big", StringComparison.Ordinal) && l.Contains("yes", StringComparison.Ordinal) && l.EndsWith("big", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("ollama:llama3.2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Config_check_names_the_missing_gateway_token()
    {
        _cli.Settings.Remove("Plugins:LlmGateway:Token");
        var result = await _cli.RunAsync("config", "check");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("LLM_GATEWAY_TOKEN", result.Output, StringComparison.Ordinal);
        Assert.Contains("NotConfigured", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_and_models_say_the_Models_plugin_is_not_active_when_it_is_disabled()
    {
        _cli.Settings["Plugins:Models:Enabled"] = "false";

        var ask = await _cli.RunAsync("ask", "hi");
        var models = await _cli.RunAsync("models");

        Assert.Equal(1, ask.ExitCode);
        Assert.Contains("No model router: the Models plugin is not active", ask.Error, StringComparison.Ordinal);
        Assert.Equal(1, models.ExitCode);
        Assert.Contains("No model router: the Models plugin is not active", models.Error, StringComparison.Ordinal);
        Assert.Empty(_gateway.Calls);
    }

    [Fact]
    public async Task Config_check_prints_the_routers_endpoints_and_default()
    {
        var result = await _cli.RunAsync("config", "check");

        Assert.Matches(@"models:router +Healthy +Endpoints: [a-z, ]*gateway[a-z, ]*; default gateway:gpt-test", result.Output);
    }

    [Fact]
    public async Task Config_check_fails_naming_an_alias_that_resolves_nowhere()
    {
        // Without a bot token Telegram would need attention anyway: off, every other plugin here is active.
        _cli.Settings["Plugins:Telegram:Enabled"] = "false";
        var clean = await _cli.RunAsync("config", "check");
        _cli.Settings["Plugins:Models:Aliases:typo"] = "gatewy:gpt-test";

        var result = await _cli.RunAsync("config", "check");

        Assert.Equal(0, clean.ExitCode);
        Assert.Equal(1, result.ExitCode);
        Assert.Matches("models:router +Degraded", result.Output);
        Assert.Contains("Unknown endpoint 'gatewy'", result.Output, StringComparison.Ordinal);
        Assert.Contains("All plugins are active or disabled on purpose.", result.Output, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _ollama.DisposeAsync();
        await _anthropic.DisposeAsync();
    }

    public void Dispose() => _cli.Dispose();
}
