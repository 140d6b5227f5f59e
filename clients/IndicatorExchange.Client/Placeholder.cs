namespace IndicatorExchange.Client;
