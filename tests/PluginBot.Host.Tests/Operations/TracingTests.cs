using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using PluginBot.Host.Identity;
using PluginBot.Host.Operations;
using PluginBot.TestKit;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Host.Tests.Operations;

/// <summary>A host that sends its traces to a fake OTLP collector.</summary>
public sealed class TracingHostFixture : HostFixture
{
    public FakeOtlpCollector Collector { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Configuration => new Dictionary<string, string?>
    {
        ["Kernel:Tracing:OtlpEndpoint"] = Collector.BaseAddress.ToString(),
    };

    public override async Task InitializeAsync()
    {
        await Collector.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Collector.DisposeAsync();
    }
}

public sealed class TracingTests(TracingHostFixture host) : HostTest<TracingHostFixture>(host), IClassFixture<TracingHostFixture>
{
    [Fact]
    public async Task With_an_otlp_endpoint_each_request_through_the_pipeline_is_exported_as_a_span()
    {
        await Host.SendAsync(new WhoAmI.Command(), HostFixture.User);

        // A flush may find the batch already being sent by the exporter's own loop: wait for it to arrive.
        Assert.True(Host.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000));
        string Exported() => string.Concat(Host.Collector.TraceExports.Select(r => r.Body));
        await Eventually.UntilAsync(() => Exported().Contains("WhoAmI.Command", StringComparison.Ordinal));

        var exported = Exported();
        Assert.Contains("PluginBot.Pipeline", exported, StringComparison.Ordinal);
        Assert.Contains("WhoAmI.Command", exported, StringComparison.Ordinal);
        Assert.Contains("pluginbot", exported, StringComparison.Ordinal); // the service name
    }

    [Fact]
    public void Without_an_endpoint_there_is_no_tracing_at_all()
    {
        using var sandbox = new Cli.CliSandbox();
        using var app = PluginBot.Host.Hosting.PluginBotHost.Build(sandbox.Options);

        Assert.Null(app.Services.GetService<TracerProvider>());
    }

    [Theory]
    [InlineData("https://api.telegram.org/bot123456:AAH-secret_token/sendMessage", "https://api.telegram.org/bot{token}/sendMessage")]
    [InlineData("http://127.0.0.1:4000/v1/chat/completions", "http://127.0.0.1:4000/v1/chat/completions")]
    public void A_bot_token_in_a_url_never_reaches_a_span(string url, string recorded) =>
        Assert.Equal(recorded, OperationsServices.RedactPath(url));
}
