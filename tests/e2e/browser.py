"""browser.py - drives headless Chromium through stlsearch --servir (run
by browser.sh with the server's URL, the XSS minute's id and file, and a
folder for screenshots): types queries (accents and ñ), clicks a facet,
pages forward, opens a minute, checks its original downloads and that
markup in an agreement stays text."""
import os
import sys
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

base, xss_id, xss_file, shots = sys.argv[1:5]
failed = 0


def check(desc, cond):
    global failed
    if not cond:
        failed += 1
        print("FAIL: browser: " + desc, file=sys.stderr)


opts = webdriver.ChromeOptions()
opts.add_argument("--headless=new")
opts.add_argument("--no-sandbox")
opts.add_argument("--disable-dev-shm-usage")
opts.add_argument("--window-size=1280,900")
d = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
d.set_page_load_timeout(60)


def shot(name, width, height):
    d.set_window_size(width, height)
    d.save_screenshot(os.path.join(shots, name + ".png"))


def search(words):
    d.get(base + "/")
    box = d.find_element(By.ID, "q")
    box.clear()
    box.send_keys(words)
    box.send_keys(Keys.RETURN)
    return d.find_elements(By.CSS_SELECTOR, "ol.resultados > li")


try:
    hits = search("hoja de ruta")
    check("typed query: results", len(hits) == 2)
    check("typed query: count", "2 resultados" in d.find_element(By.TAG_NAME, "h1").text)
    check("highlights", len(d.find_elements(By.TAG_NAME, "mark")) > 0)
    shot("buscar-escritorio", 1280, 900)
    shot("buscar-telefono", 390, 844)
    d.set_window_size(1280, 900)

    facet = d.find_element(By.CSS_SELECTOR, "aside a")
    label = facet.text
    facet.click()
    check("facet: its filter in the box",
          "fecha:" + label in d.find_element(By.ID, "q").get_attribute("value"))
    check("facet: results", len(d.find_elements(By.CSS_SELECTOR, "ol.resultados > li")) > 0)

    hits = search("Begoña Núñez")
    check("accents and ñ: results", len(hits) >= 1)
    hits = search("senalizacion")
    check("without accents: the same minutes", len(hits) >= 1)

    d.get(base + "/buscar?q=&tipo=acuerdo")
    first = d.find_element(By.CSS_SELECTOR, "ol.resultados > li h2").text
    d.find_element(By.CSS_SELECTOR, "a[rel=next]").click()
    check("paging: page 2",
          d.find_element(By.CSS_SELECTOR, "[aria-current=page]").text == "2")
    check("paging: other hits",
          d.find_element(By.CSS_SELECTOR, "ol.resultados > li h2").text != first)

    search("hoja de ruta")
    d.find_element(By.CSS_SELECTOR, "ol.resultados > li h2 a").click()
    check("minute: agreements", "Acuerdos" in d.page_source)
    check("minute: previous/next", len(d.find_elements(By.CSS_SELECTOR, "a[rel=next], a[rel=prev]")) > 0)

    d.get(base + "/minuta/" + xss_id)
    body = d.find_element(By.TAG_NAME, "body").text
    check("XSS: the script shown as text", "<script>alert(1)</script>" in body)
    check("XSS: the img shown as text", '"><img src=x onerror=alert(1)>' in body)
    check("XSS: no img element", not d.find_elements(By.CSS_SELECTOR, "main img"))
    try:
        d.switch_to.alert
        check("XSS: no alert", False)
    except NoAlertPresentException:
        pass
    shot("minuta-escritorio", 1280, 900)
    shot("minuta-telefono", 390, 844)

    href = d.find_element(By.PARTIAL_LINK_TEXT, "descargar el original").get_attribute("href")
    with urllib.request.urlopen(href) as r, open(xss_file, "rb") as f:
        check("download: the original's bytes", r.read() == f.read())
finally:
    d.quit()

print("browser: %s" % ("ok" if not failed else "%d failed" % failed))
sys.exit(1 if failed else 0)
