using Slipway.Core.Serving;
using Slipway.Core.Serving.Protocols;

namespace Slipway.Core.Tests.Serving.Protocols;

public sealed class MediaTypesTests
{
    [Theory]
    [InlineData(null, RequestMediaType.Json)]
    [InlineData("application/json", RequestMediaType.Json)]
    [InlineData("Application/JSON; charset=UTF-8", RequestMediaType.Json)]
    [InlineData("application/json; charset=\"utf-8\"", RequestMediaType.Json)]
    [InlineData("text/csv", RequestMediaType.Csv)]
    [InlineData("text/csv; charset=utf-8", RequestMediaType.Csv)]
    public void Json_and_csv_in_utf_8_are_accepted(string? contentType, RequestMediaType expected)
    {
        Assert.Null(MediaTypes.Check(contentType, allowCsv: true, out var mediaType));
        Assert.Equal(expected, mediaType);
    }

    [Theory]
    [InlineData("text/plain", "This predictor only supports the following content types: Types: ['text/csv', 'application/json']. Got 'text/plain'.")]
    [InlineData("application/x-www-form-urlencoded", "This predictor only supports the following content types: Types: ['text/csv', 'application/json']. Got 'application/x-www-form-urlencoded'.")]
    [InlineData("application/json; charset=latin-1", "The scoring server only supports UTF-8")]
    [InlineData("application/json; format=pandas-split", "Unrecognized content type parameters: format.")]
    public void Other_media_types_charsets_and_parameters_are_a_415(string contentType, string message)
    {
        var error = MediaTypes.Check(contentType, allowCsv: true);

        Assert.NotNull(error);
        Assert.Equal(415, error.Status);
        Assert.Equal(ServingErrorCodes.UnsupportedMediaType, error.Code);
        Assert.Equal("BAD_REQUEST", error.MlflowCode);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Csv_is_refused_where_the_protocol_has_no_csv()
    {
        Assert.Equal(415, MediaTypes.Check("text/csv", allowCsv: false)?.Status);
    }
}
