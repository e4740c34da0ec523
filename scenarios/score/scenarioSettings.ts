import { type AnalyticsSettings, analyticsSettings } from '../../engine/analytics/index.ts';
import type { ResolvedScenario } from '../../engine/layout/index.ts';
import { DEFAULT_SENSORS } from '../sensors/index.ts';

/**
 * What the analytics may know about a simulated store: its privacy configuration, the classifiers'
 * accuracy (their model cards) and the mean basket (a store knows it from its receipts) — never
 * the simulation's truth.
 */
export function scenarioSettings(sc: ResolvedScenario): AnalyticsSettings {
  const basket = sc.shoppers?.basket;
  const meanItems = basket ? basket.scale * Math.exp(basket.lognormal[0] + basket.lognormal[1] ** 2 / 2) : 10;
  return analyticsSettings(sc.privacy, {
    meanItems,
    attributeAccuracy: { gender: DEFAULT_SENSORS.genderAccuracy, age: DEFAULT_SENSORS.ageAccuracy },
  });
}
