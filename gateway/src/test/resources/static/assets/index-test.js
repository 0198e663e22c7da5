console.log("asset-under-test")
