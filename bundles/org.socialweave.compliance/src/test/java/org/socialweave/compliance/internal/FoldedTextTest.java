package org.socialweave.compliance.internal;

import static org.junit.Assert.assertEquals;

import org.junit.Test;
import org.socialweave.compliance.internal.text.FoldedText;

public class FoldedTextTest {

  @Test
  public void fullWidthCaseAndTraditionalFoldAlike() {
    assertEquals("no1", FoldedText.foldWord("ＮＯ．１"));
    assertEquals("no1", FoldedText.foldWord("No. 1"));
    assertEquals("国家级", FoldedText.foldWord("國家級"));
    assertEquals("治愈", FoldedText.foldWord("治癒"));
    assertEquals("#ad", FoldedText.foldWord("＃ＡＤ"));
    assertEquals("100%", FoldedText.foldWord("１００％"));
  }

  @Test
  public void separatorsBetweenCharactersAreDropped() {
    assertEquals("最好", FoldedText.foldWord("最.好"));
    assertEquals("根治", FoldedText.foldWord("根 治"));
    assertEquals("最好", FoldedText.foldWord("最\u200b\u200d\uFE0F好"));
    assertEquals("最好", FoldedText.foldWord("最🔥好"));
    assertEquals("第一", FoldedText.foldWord("第　一"));
  }

  @Test
  public void spaceBetweenLatinWordsIsKept() {
    assertEquals("the best", FoldedText.foldWord("The   Best"));
    assertEquals("no 1", FoldedText.foldWord("no 1"));
    assertEquals("riskfree", FoldedText.foldWord("risk-free"));
  }

  @Test
  public void everyFoldedCharacterKnowsItsOriginalSpan() {
    FoldedText t = FoldedText.of("ａ😀Ｂ");
    assertEquals(2, t.length());
    assertEquals(0, t.originalStart(0));
    assertEquals(1, t.originalEnd(0));
    assertEquals(3, t.originalStart(1));
    assertEquals(4, t.originalEnd(1));
  }
}
