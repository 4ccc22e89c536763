package io.perpspot.dashboard.state;

/**
 * One token's latest perp context: funding, premium, mark and oracle price ({@code timeMs} when it
 * was journaled).
 */
public record FundingRow(String symbol, String coin, String fundingHourly, Double fundingAprPct, String premium,
                         String mark, String oracle, Long timeMs) {
}
