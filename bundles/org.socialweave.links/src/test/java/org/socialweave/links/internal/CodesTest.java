package org.socialweave.links.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.Test;

public class CodesTest {

  @Test
  public void codesAreNineBase62CharactersAndDoNotRepeat() {
    Codes codes = new Codes();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      String code = codes.get();
      assertEquals(Codes.LENGTH, code.length());
      assertTrue(code, Codes.plausible(code));
      assertTrue("duplicate " + code, seen.add(code));
    }
  }

  @Test
  public void theCodeSpaceHasAtLeastFortyEightBits() {
    double bits = Codes.LENGTH * Math.log(Codes.ALPHABET.length()) / Math.log(2);
    assertTrue("bits: " + bits, bits >= 48);
  }

  @Test
  public void everyCharacterIsEquallyLikely() {
    // A fixed seed keeps the test deterministic; the check is for the rejection step's bias.
    Codes codes = new Codes(new Random(42));
    int[] counts = new int[Codes.ALPHABET.length()];
    int samples = 0;
    for (int i = 0; i < 50_000; i++) {
      for (char c : codes.get().toCharArray()) {
        counts[Codes.ALPHABET.indexOf(c)]++;
        samples++;
      }
    }
    double expected = (double) samples / counts.length;
    double chiSquare = 0;
    for (int count : counts) {
      chiSquare += (count - expected) * (count - expected) / expected;
    }
    // 61 degrees of freedom: the 99.9th percentile is about 100. "& 63 % 62" would give ~2000.
    assertTrue("chi-square " + chiSquare, chiSquare < 100);
  }

  @Test
  public void onlyAlphanumericCodesOfSaneLengthArePlausible() {
    assertTrue(Codes.plausible("aZ09xY7bQ"));
    assertFalse(Codes.plausible(null));
    assertFalse(Codes.plausible(""));
    assertFalse(Codes.plausible("abc/def"));
    assertFalse(Codes.plausible("abc%2F"));
    assertFalse(Codes.plausible("ab.c"));
    assertFalse(Codes.plausible("ä1234"));
    assertFalse(Codes.plausible("a".repeat(17)));
  }
}
