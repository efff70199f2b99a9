namespace PluginBot.Plugins.Ollama.Tests;

/// <summary>What an error answer says, whether it comes from Ollama itself or from a proxy in front of it.</summary>
public sealed class ErrorBodyTests
{
    [Fact]
    public void Ollama_s_own_error_body_gives_its_message()
    {
        Assert.Equal("model \"phi3\" not found, try pulling it first", OllamaErrorHandler.ReadError("""{"error":"model \"phi3\" not found, try pulling it first"}"""));
    }

    [Fact]
    public void A_proxy_s_plain_text_error_is_kept_as_it_is()
    {
        Assert.Equal("502 Bad Gateway", OllamaErrorHandler.ReadError("  502 Bad Gateway\n"));
    }

    [Fact]
    public void A_long_html_error_page_is_cut_to_three_hundred_characters()
    {
        var page = "<html><body>" + new string('x', 1000) + "</body></html>";

        var text = OllamaErrorHandler.ReadError(page);

        Assert.Equal(page[..300] + "…", text);
    }

    [Theory]
    [InlineData("""{"error":{"message":"nested"}}""")]
    [InlineData("""["error"]""")]
    public void Json_that_is_not_ollama_s_error_shape_is_kept_as_text(string body)
    {
        Assert.Equal(body, OllamaErrorHandler.ReadError(body));
    }
}
