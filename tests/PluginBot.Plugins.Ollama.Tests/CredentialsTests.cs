using System.Text;
using Microsoft.Extensions.AI;
using PluginBot.Abstractions.Plugins;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Ollama.Tests;

/// <summary>An Ollama behind a proxy that asks for a password: OLLAMA_URL carries it, and nothing shows it.</summary>
public sealed class CredentialsTests
{
    private const string Password = "hunter2-Secret";

    [Fact]
    public async Task The_user_and_password_of_the_url_are_sent_as_basic_authentication_and_the_readiness_hides_them()
    {
        await using var fake = new FakeOllamaServer { Version = "0.12.6" };
        await fake.StartAsync();
        using var harness = OllamaHarness.Start(WithCredentials(fake.BaseAddress));

        var readiness = await harness.Endpoint.CheckReadyAsync(CancellationToken.None);

        Assert.True(readiness.Ready, readiness.Detail);
        Assert.Contains($"http://***@127.0.0.1:{fake.BaseAddress.Port}/", readiness.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, readiness.Detail, StringComparison.Ordinal);
        var request = Assert.Single(fake.Requests, r => r.Path == "/api/version");
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"ops:{Password}")), request.Headers["Authorization"]);
    }

    [Fact]
    public async Task A_connection_failure_names_the_address_without_its_password()
    {
        using var harness = OllamaHarness.Start(WithCredentials(OllamaHarness.ClosedPort()));

        var readiness = await harness.Endpoint.CheckReadyAsync(CancellationToken.None);
        var failure = harness.Endpoint.Classify(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"));

        Assert.False(readiness.Ready);
        Assert.Contains("http://***@127.0.0.1", readiness.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, readiness.Detail, StringComparison.Ordinal);
        Assert.Contains("http://***@127.0.0.1", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_answer_is_reported_without_the_password()
    {
        await using var fake = new FakeOllamaServer();
        await fake.StartAsync();
        fake.Enqueue(FakeReply.WithError(OllamaErrors.ServerError("runner crashed")));
        using var harness = OllamaHarness.Start(WithCredentials(fake.BaseAddress));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => harness.Endpoint.CreateClient("llama3.2").GetResponseAsync("hi"));
        var failure = harness.Endpoint.Classify(error);

        Assert.DoesNotContain(Password, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Password, failure.Message, StringComparison.Ordinal);
        Assert.Contains("runner crashed", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_url_is_refused_without_echoing_its_password()
    {
        var exception = Assert.Throws<PluginNotConfiguredException>(() => OllamaHarness.Start(("Url", $"ftp://ops:{Password}@10.0.0.9:11434")));

        Assert.Contains("ftp://***@10.0.0.9:11434", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, exception.Message, StringComparison.Ordinal);
    }

    private static Uri WithCredentials(Uri url) => new UriBuilder(url) { UserName = "ops", Password = Password }.Uri;
}
